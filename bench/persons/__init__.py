"""Person-matching benchmark: synthetic Dutch data generator with ground truth, and evaluation."""
