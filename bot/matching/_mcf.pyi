from typing import Any

def solve(
    nodes: int,
    tail: Any,
    head: Any,
    cap: Any,
    cost: Any,
    source: int,
    sink: int,
    flow: Any,
    /,
) -> tuple[int, int]: ...
def distances(
    nodes: int,
    tail: Any,
    head: Any,
    cap: Any,
    cost: Any,
    flow: Any,
    join: int,
    joined: int,
    dist: Any,
    /,
) -> bool: ...
