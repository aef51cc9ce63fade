"""mtrepair evaluation: sacrebleu scores, name accuracy and round-trip checks."""
