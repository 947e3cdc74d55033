from typing import Any

def solve(
    n: int,
    e_first: Any,
    e_m: Any,
    e_w: Any,
    m_first: Any,
    m_e: Any,
    m_w: Any,
    cap: Any,
    mentor_of: Any,
    u: Any,
    v: Any,
    warm: bool,
    budget: int = -1,
    /,
) -> int | None: ...
