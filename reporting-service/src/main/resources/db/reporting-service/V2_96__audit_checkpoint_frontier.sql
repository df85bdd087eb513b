-- Each checkpoint keeps its Merkle tree's compact range (MerkleTree.Frontier: the roots of the perfect subtrees
-- of its leaves, largest first, lowercase hex joined by commas), so that the next checkpoint reads only the
-- hashes after it instead of the whole trail. NULL for checkpoints made before: the next one reads everything once.
ALTER TABLE audit_checkpoint ADD COLUMN frontier TEXT;
