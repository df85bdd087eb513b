package org.jingzhun.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    /** The Certificate Transparency reference test vectors (RFC 6962 implementations). */
    private static final byte[][] LEAVES = {
            {}, {0x00}, {0x10}, {0x20, 0x21}, {0x30, 0x31}, {0x40, 0x41, 0x42, 0x43},
            HEX.parseHex("5051525354555657"), HEX.parseHex("606162636465666768696a6b6c6d6e6f")};
    private static final String[] ROOTS = {
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    private static List<byte[]> leafHashes(int n) {
        List<byte[]> hashes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            hashes.add(MerkleTree.leafHash(i < LEAVES.length ? LEAVES[i] : new byte[] {(byte) i, (byte) (i >> 8)}));
        }
        return hashes;
    }

    @Test
    void rootsMatchTheReferenceVectors() {
        for (int n = 1; n <= 8; n++) {
            assertThat(HEX.formatHex(MerkleTree.root(leafHashes(n)))).as("size %d", n).isEqualTo(ROOTS[n - 1]);
        }
        assertThat(HEX.formatHex(MerkleTree.root(List.of())))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Test
    void everyAuditPathVerifiesInTreesOfEverySize() {
        for (int n = 1; n <= 70; n++) {
            List<byte[]> leaves = leafHashes(n);
            byte[] root = MerkleTree.root(leaves);
            for (int i = 0; i < n; i++) {
                List<byte[]> path = MerkleTree.auditPath(leaves, i);
                assertThat(MerkleTree.verifyInclusion(leaves.get(i), i, n, path, root)).as("leaf %d of %d", i, n)
                        .isTrue();
            }
        }
    }

    @Test
    void aProofFailsForAChangedLeafAnotherIndexAnotherSizeOrAnotherRoot() {
        List<byte[]> leaves = leafHashes(13);
        byte[] root = MerkleTree.root(leaves);
        List<byte[]> path = MerkleTree.auditPath(leaves, 5);
        assertThat(MerkleTree.verifyInclusion(leaves.get(5), 5, 13, path, root)).isTrue();
        assertThat(MerkleTree.verifyInclusion(MerkleTree.leafHash(new byte[] {9}), 5, 13, path, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaves.get(5), 4, 13, path, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaves.get(5), 5, 13, path, MerkleTree.root(leafHashes(12)))).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaves.get(5), 13, 13, path, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion(leaves.get(5), 5, 13, path.subList(0, path.size() - 1), root)).isFalse();
    }

    @Test
    void aPathOutsideTheTreeIsRefused() {
        assertThatThrownBy(() -> MerkleTree.auditPath(leafHashes(3), 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFrontierHasTheRootOfTheSameLeavesAtEverySizeAndCarriesOnFromItsKeptRoots() {
        java.util.Random random = new java.util.Random(42);
        List<byte[]> leaves = new ArrayList<>();
        MerkleTree.Frontier frontier = MerkleTree.Frontier.empty();
        assertThat(frontier.root()).isEqualTo(MerkleTree.root(List.of()));
        for (int n = 1; n <= 300; n++) {
            byte[] data = new byte[16];
            random.nextBytes(data);
            byte[] leaf = MerkleTree.leafHash(data);
            leaves.add(leaf);
            frontier.append(leaf);
            assertThat(frontier.size()).isEqualTo(n);
            assertThat(frontier.roots()).hasSize(Integer.bitCount(n));
            assertThat(frontier.root()).as("root of %d leaves", n)
                    .isEqualTo(MerkleTree.root(leaves));
            if (n % 37 == 0) {
                // Kept and read back (as a checkpoint row keeps it), then extended: still the same tree.
                frontier = MerkleTree.Frontier.of(frontier.size(), frontier.roots());
            }
        }
        MerkleTree.Frontier kept = frontier;
        assertThatThrownBy(() -> MerkleTree.Frontier.of(kept.size() + 1, kept.roots()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
