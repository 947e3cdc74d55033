from typing import Any

def solve(
    n: int,
    cand_m: Any,
    cand_e: Any,
    weight: Any,
    cap: Any,
    mentor_of: Any,
    u: Any,
    v: Any,
    warm: bool,
    budget: int = -1,
    /,
) -> int | None: ...
def prices(
    n: int, cand_m: Any, cand_e: Any, weight: Any, mentor_of: Any, u: Any, v: Any, /
) -> bool: ...
