"""isq benchmarks: each prints ratios against a baseline run side by side (`make bench`)."""
