package org.jingzhun.contracts.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The kept levels give the same roots and audit paths as the tree rebuilt from its leaves. */
class MerkleTreeLevelsTest {

    private static List<byte[]> leaves(int n) {
        List<byte[]> leaves = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            leaves.add(MerkleTree.leafHash(("event-" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return leaves;
    }

    @Test
    void rootsAndEveryPathEqualTheRebuiltTreesInTreesOfEverySize() {
        for (int n = 0; n <= 70; n++) {
            List<byte[]> leaves = leaves(n);
            MerkleTree.Levels levels = MerkleTree.Levels.of(leaves);
            assertThat(levels.root()).as("size %d", n).isEqualTo(MerkleTree.root(leaves));
            for (int i = 0; i < n; i++) {
                assertThat(levels.auditPath(i)).as("leaf %d of %d", i, n)
                        .containsExactlyElementsOf(MerkleTree.auditPath(leaves, i));
            }
        }
        assertThatThrownBy(() -> MerkleTree.Levels.of(leaves(3)).auditPath(3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * The cost of an inclusion proof at a county's size (100,000 chain heads): rebuilding the tree for each
     * proof against keeping its levels. Prints the figures (reporting-service README); asserts only that
     * both give the same, verifying paths.
     */
    @Test
    void proofCostAtOneHundredThousandLeaves() {
        int n = 100_000;
        List<byte[]> leaves = leaves(n);
        byte[] root = MerkleTree.root(leaves);
        Random random = new Random(14);
        int[] indexes = random.ints(20, 0, n).toArray();

        long start = System.nanoTime();
        List<List<byte[]>> rebuilt = new ArrayList<>();
        for (int index : indexes) {
            rebuilt.add(MerkleTree.auditPath(leaves, index));
        }
        long rebuildNanos = (System.nanoTime() - start) / indexes.length;

        start = System.nanoTime();
        MerkleTree.Levels levels = MerkleTree.Levels.of(leaves);
        long buildNanos = System.nanoTime() - start;
        start = System.nanoTime();
        List<List<byte[]>> kept = new ArrayList<>();
        for (int index : indexes) {
            kept.add(levels.auditPath(index));
        }
        long keptNanos = (System.nanoTime() - start) / indexes.length;

        System.out.printf("Inclusion proof over %,d leaves: rebuilt tree %.1f ms per proof; levels built once in"
                        + " %.1f ms, then %.3f ms per proof%n", n, rebuildNanos / 1e6, buildNanos / 1e6,
                keptNanos / 1e6);
        for (int i = 0; i < indexes.length; i++) {
            assertThat(kept.get(i)).containsExactlyElementsOf(rebuilt.get(i));
            assertThat(MerkleTree.verifyInclusion(leaves.get(indexes[i]), indexes[i], n, kept.get(i), root)).isTrue();
        }
    }
}
