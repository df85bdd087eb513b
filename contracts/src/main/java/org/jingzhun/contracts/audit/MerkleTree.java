package org.jingzhun.contracts.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RFC 6962 / RFC 9162 Merkle tree hashing over SHA-256: {@code leaf = SHA-256(0x00 ‖ data)},
 * {@code node = SHA-256(0x01 ‖ left ‖ right)}, the split at the largest power of two below the size, the
 * empty tree {@code SHA-256("")}. A checkpoint's leaves are the 32 bytes of each event's hash, in the
 * audit trail's order.
 */
public final class MerkleTree {

    private MerkleTree() {
    }

    /** The leaf hash of one datum. */
    public static byte[] leafHash(byte[] data) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        sha.update(data);
        return sha.digest();
    }

    /** The hash of an inner node. */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** The root over leaf hashes (already {@link #leafHash}ed). */
    public static byte[] root(List<byte[]> leafHashes) {
        if (leafHashes.isEmpty()) {
            return sha256().digest();
        }
        return subtree(leafHashes, 0, leafHashes.size());
    }

    /** The audit path of leaf {@code index} in the tree of {@code leafHashes}, from the leaf upwards. */
    public static List<byte[]> auditPath(List<byte[]> leafHashes, int index) {
        if (index < 0 || index >= leafHashes.size()) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + leafHashes.size());
        }
        List<byte[]> path = new ArrayList<>();
        path(leafHashes, index, 0, leafHashes.size(), path);
        return path;
    }

    /** Whether {@code path} proves that {@code leafHash} is leaf {@code index} of the tree of size {@code size} with that root (RFC 9162 2.1.3.2). */
    public static boolean verifyInclusion(byte[] leafHash, long index, long size, List<byte[]> path, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : path) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /**
     * An append-only tree's compact range: the roots of the perfect subtrees that make up its first
     * {@link #size()} leaves, largest (leftmost) first — one per bit set in the size, so at most 64. Appending a
     * leaf costs amortized two hashes and {@link #root()} at most 63, whatever the size; the root is the RFC 6962
     * root of the same leaves ({@link MerkleTree#root}). What a checkpoint keeps so that the next one reads only
     * the leaves after it.
     */
    public static final class Frontier {

        private final List<byte[]> roots;
        private long size;

        private Frontier(List<byte[]> roots, long size) {
            this.roots = roots;
            this.size = size;
        }

        /** The range of no leaves. */
        public static Frontier empty() {
            return new Frontier(new ArrayList<>(), 0);
        }

        /** The range of {@code size} leaves from its subtrees' roots, largest first ({@link #roots()}). */
        public static Frontier of(long size, List<byte[]> roots) {
            if (size < 0 || Long.bitCount(size) != roots.size() || roots.stream().anyMatch(r -> r.length != 32)) {
                throw new IllegalArgumentException("a range of " + size + " leaves has " + Long.bitCount(size)
                        + " subtree roots of 32 bytes, not " + roots.size());
            }
            return new Frontier(new ArrayList<>(roots), size);
        }

        /** Appends a leaf (already {@link #leafHash}ed). */
        public void append(byte[] leafHash) {
            roots.add(leafHash);
            size++;
            // Each trailing zero of the new size is two equal subtrees becoming one.
            for (int merges = Long.numberOfTrailingZeros(size); merges > 0; merges--) {
                byte[] right = roots.remove(roots.size() - 1);
                byte[] left = roots.remove(roots.size() - 1);
                roots.add(nodeHash(left, right));
            }
        }

        /** How many leaves. */
        public long size() {
            return size;
        }

        /** The subtrees' roots, largest first. */
        public List<byte[]> roots() {
            return List.copyOf(roots);
        }

        /** The RFC 6962 root of the leaves appended so far. */
        public byte[] root() {
            if (roots.isEmpty()) {
                return sha256().digest();
            }
            byte[] root = roots.get(roots.size() - 1);
            for (int i = roots.size() - 2; i >= 0; i--) {
                root = nodeHash(roots.get(i), root);
            }
            return root;
        }
    }

    /**
     * A tree kept with its levels, for many audit paths against one checkpoint: built once in
     * O(n) hashes, then each path costs O(log² n) lookups and at most O(log n) hashes on the tree's right
     * edge, instead of the O(n) hashes of {@link #auditPath}. Level {@code j} holds the roots of the complete,
     * aligned subtrees of {@code 2^j} leaves, 32 bytes each, in one array: about 64 bytes per leaf in all.
     */
    public static final class Levels {

        private static final int HASH = 32;
        private final byte[][] levels;
        private final int size;

        private Levels(byte[][] levels, int size) {
            this.levels = levels;
            this.size = size;
        }

        /** The levels of the tree over these leaf hashes (already {@link #leafHash}ed). */
        public static Levels of(List<byte[]> leafHashes) {
            int n = leafHashes.size();
            List<byte[]> built = new ArrayList<>();
            byte[] level = new byte[n * HASH];
            for (int i = 0; i < n; i++) {
                System.arraycopy(leafHashes.get(i), 0, level, i * HASH, HASH);
            }
            built.add(level);
            for (int count = n / 2; count > 0; count /= 2) {
                byte[] below = level;
                level = new byte[count * HASH];
                MessageDigest sha = sha256();
                for (int i = 0; i < count; i++) {
                    sha.update((byte) 0x01);
                    sha.update(below, 2 * i * HASH, 2 * HASH);
                    System.arraycopy(sha.digest(), 0, level, i * HASH, HASH);
                }
                built.add(level);
            }
            return new Levels(built.toArray(byte[][]::new), n);
        }

        /** The number of leaves. */
        public int size() {
            return size;
        }

        /** The root; equal to {@link MerkleTree#root} over the same leaves. */
        public byte[] root() {
            return size == 0 ? sha256().digest() : subtree(0, size);
        }

        /** The audit path of leaf {@code index}; equal to {@link MerkleTree#auditPath} over the same leaves. */
        public List<byte[]> auditPath(int index) {
            if (index < 0 || index >= size) {
                throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
            }
            List<byte[]> path = new ArrayList<>();
            int from = 0;
            int to = size;
            // From the root down, then reversed: the path runs from the leaf upwards.
            while (to - from > 1) {
                int k = split(to - from);
                if (index < from + k) {
                    path.add(subtree(from + k, to));
                    to = from + k;
                } else {
                    path.add(subtree(from, from + k));
                    from = from + k;
                }
            }
            java.util.Collections.reverse(path);
            return path;
        }

        /** The hash of leaves [from, to): a stored node when complete and aligned, else split as RFC 6962 does. */
        private byte[] subtree(int from, int to) {
            int n = to - from;
            if (Integer.bitCount(n) == 1) {
                int level = Integer.numberOfTrailingZeros(n);
                if (from % n == 0) {
                    return Arrays.copyOfRange(levels[level], (from / n) * HASH, (from / n + 1) * HASH);
                }
            }
            int k = split(n);
            return nodeHash(subtree(from, from + k), subtree(from + k, to));
        }
    }

    private static byte[] subtree(List<byte[]> leaves, int from, int to) {
        int n = to - from;
        if (n == 1) {
            return leaves.get(from);
        }
        int k = split(n);
        return nodeHash(subtree(leaves, from, from + k), subtree(leaves, from + k, to));
    }

    private static void path(List<byte[]> leaves, int index, int from, int to, List<byte[]> path) {
        int n = to - from;
        if (n == 1) {
            return;
        }
        int k = split(n);
        if (index < from + k) {
            path(leaves, index, from, from + k, path);
            path.add(subtree(leaves, from + k, to));
        } else {
            path(leaves, index, from + k, to, path);
            path.add(subtree(leaves, from, from + k));
        }
    }

    /** The largest power of two smaller than {@code n} (n > 1). */
    private static int split(int n) {
        return Integer.highestOneBit(n - 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
