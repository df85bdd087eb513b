package org.jingzhun.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CheckpointTest {

    private static final List<String> HASHES = IntStream.range(0, 11)
            .mapToObj(i -> EventHash.of(EventHash.GENESIS, "e-" + i, "jingzhun.x.Y.v1", "a", i, Instant.EPOCH, "{}"))
            .toList();

    private static KeyPair keys() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @Test
    void aSignedCheckpointVerifiesWithItsKeyOnly() throws Exception {
        KeyPair keys = keys();
        Checkpoint checkpoint = Checkpoint.sign(42, HASHES, Instant.parse("2026-12-03T08:00:00Z"), keys.getPrivate());

        assertThat(checkpoint.events()).isEqualTo(11);
        assertThat(checkpoint.root()).isEqualTo(HexFormat.of().formatHex(Checkpoint.root(HASHES)));
        PublicKey publicKey = Checkpoint.publicKey(Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
        assertThat(checkpoint.signatureValid(publicKey)).isTrue();
        assertThat(checkpoint.signatureValid(keys().getPublic())).isFalse();
        assertThat(new Checkpoint(43, 11, checkpoint.root(), checkpoint.signature(), checkpoint.at())
                .signatureValid(publicKey)).isFalse();
        assertThat(new Checkpoint(42, 11, checkpoint.root().replace('a', 'b'), checkpoint.signature(), checkpoint.at())
                .signatureValid(publicKey)).isFalse();
    }

    @Test
    void anInclusionProofOfAnEventVerifiesAgainstTheRootAndFailsForAChangedEvent() {
        List<byte[]> leaves = HASHES.stream().map(Checkpoint::leafHash).toList();
        byte[] root = Checkpoint.root(HASHES);
        List<byte[]> path = MerkleTree.auditPath(leaves, 7);

        assertThat(MerkleTree.verifyInclusion(Checkpoint.leafHash(HASHES.get(7)), 7, 11, path, root)).isTrue();
        String changed = EventHash.of(EventHash.GENESIS, "e-7", "jingzhun.x.Y.v1", "a", 7, Instant.EPOCH, "{\"x\":1}");
        assertThat(MerkleTree.verifyInclusion(Checkpoint.leafHash(changed), 7, 11, path, root)).isFalse();
    }
}
