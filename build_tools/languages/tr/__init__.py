"""Turkish: cue words and names are compared in Turkish lower case (İ → i, I → ı)."""


def normalise(word: str) -> str:
    """``word`` as cue lists and name lists compare it: Turkish lower case, one apostrophe."""
    return word.replace("İ", "i").replace("I", "ı").lower().replace("’", "'")
