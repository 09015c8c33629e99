"""`kata dev new NN_topic --module NAME`: a new kata folder that already passes `kata dev check`.

The kata it makes is a placeholder with every part a kata has (a lesson, a stub, one rule, a
scenario, a message, three hints, a solution, a kept wrong and a kept correct solution; the
lesson, title, message, hints and rules in Korean too), to be replaced by the real ones, all
inside the one folder. It also links the solution from
``solutions/`` and adds the kata to the README's table.
"""

from __future__ import annotations

import json
import keyword
import os
import re
from pathlib import Path

from katakit.catalog import Workspace
from katakit.dev import readme

FOLDER = re.compile(r"^(?P<number>\d\d)_(?P<topic>[a-z][a-z0-9_]*)$")

STUB = '''"""Kata {number}: {title}.

Complete each `# TODO:` below; the rules are in test_{module}.py, the lesson in README.md.
"""

from __future__ import annotations


def answer() -> int:
    """The answer: 42."""
    # TODO: return the answer.
    raise NotImplementedError


if __name__ == "__main__":
    print("the answer is", answer())
'''

SOLUTION = '''"""Kata {number}: {title}. The reference solution."""

from __future__ import annotations


def answer() -> int:
    """The answer: 42."""
    return 42


if __name__ == "__main__":
    print("the answer is", answer())
'''

WRONG = '''"""Wrong: the answer is off by one.

expect: test_answer_is_forty_two -> WRONG_ANSWER
"""

from __future__ import annotations


def answer() -> int:
    return 41
'''

CORRECT = '''"""Correct, written another way: the answer computed."""

from __future__ import annotations


def answer() -> int:
    return 6 * 7
'''

RULES = '''"""The rules of kata {number}: {title}.

Each test is one rule, stated in its docstring. `judge.run(S.scenario, ...)` runs a scenario
(from this kata's .meta/scenarios.py) against your {module}.py in a separate process and returns
what it saw; the test checks the rule on that.
"""

from __future__ import annotations

from katakit import rules

S = rules.scenarios(__file__)
M = rules.messages(__file__)


def test_answer_is_forty_two(judge):
    """answer() returns 42."""
    got = judge.run(S.ask)
    assert got == 42, M.WRONG_ANSWER.format(got=got)


def test_script_runs_its_demo(judge):
    """The file defines its API, and `python {module}.py` runs any demo it has to the end."""
    judge.check_api("answer")
    judge.run_demo()
'''

SCENARIOS = '''"""Scenarios of kata {number}, run in the judge's child against the student's `{module}.py`."""

from __future__ import annotations

from katakit.instruments import plain


def ask(student):
    """What answer() returns, as a plain value."""
    return plain(student.answer())
'''

KATA_TOML = '''title = {title_toml}
teaches = "what this kata teaches, in a line for the README's table"
module = "{module}"
points = 10
docs = []
# The rules that are the lesson itself: a graded kata that fails one earns at most half its points.
core = ["test_answer_is_forty_two"]

[ko]
title = {title_toml}
teaches = "이 카타가 가르치는 것, README의 표에 들어갈 한 줄"
'''

HINTS_TOML = '''# Three hints, shown one level at a time by `kata hint`: a nudge, the mechanism, a near-solution.
hints = [
    "A nudge: what question should the student ask themselves?",
    "The mechanism: which part of the standard library does the work, and how?",
    "A near-solution: `return 42`.",
]
'''

HINTS_KO_TOML = '''# 힌트 세 개. `kata hint`가 한 단계씩 보여 줍니다: 실마리, 원리, 거의 답.
hints = [
    "실마리: 학생이 스스로에게 던져야 할 질문은 무엇일까요?",
    "원리: 표준 라이브러리의 어느 부분이 일을 하고, 어떻게 할까요?",
    "거의 답: `return 42`.",
]
'''

MESSAGES_TOML = '''WRONG_ANSWER = "answer() returned {{got!r}}; expected 42."
'''

MESSAGES_KO_TOML = '''WRONG_ANSWER = "answer()가 {{got!r}}을(를) 반환했습니다. 42여야 합니다."
'''

RULES_KO_TOML = '''# 규칙마다 한 문장: 각 테스트의 docstring을 한국어로.
test_answer_is_forty_two = "answer()는 42를 반환합니다."
test_script_runs_its_demo = "파일이 API를 정의하고, `python {module}.py`가 데모가 있다면 끝까지 실행합니다."
'''

LESSON = '''# Kata {number}: {title}

The lesson: start from a real example, say what happens and why, and how to see it happen.

## What you write

Complete `{module}.py`: `answer()` returns 42.

## Check it

```
kata check {number}
```
'''

LESSON_KO = '''# 카타 {number}: {title}

수업: 실제 예제에서 시작해, 무슨 일이 왜 일어나는지, 그리고 그것을 어떻게 직접 볼 수 있는지 말합니다.

## 할 일

`{module}.py`를 완성하세요: `answer()`는 42를 반환합니다.

## 확인

```
kata check {number}
```
'''


def new(workspace: Workspace, folder: str, module: str, title: str = "") -> Path:
    """Make the kata `folder` ("07_gil") with the student module `module`; its folder.

    ValueError when the names are not valid or already taken.
    """
    match = FOLDER.match(folder)
    if not match:
        raise ValueError(f"{folder!r} is not a kata folder name like 07_gil (NN_topic)")
    if not module.isidentifier() or keyword.iskeyword(module) or module.startswith("test"):
        raise ValueError(f"{module!r} is not a module name a student file can have")
    for kata in workspace.katas():
        if kata.number == match["number"]:
            raise ValueError(f"kata {kata.number} exists already: {kata.folder}")
        if kata.module == module:
            raise ValueError(f"the module {module} is taken already, by {kata.folder}")
    path = workspace.katas_dir / folder
    if path.exists():
        raise ValueError(f"{path} exists already")
    title = title or match["topic"].replace("_", " ").capitalize()
    values = {
        "number": match["number"],
        "module": module,
        "title": title,
        "title_toml": json.dumps(title, ensure_ascii=False),
    }
    files = {
        "README.md": LESSON,
        "README.ko.md": LESSON_KO,
        f"{module}.py": STUB,
        f"test_{module}.py": RULES,
        ".meta/kata.toml": KATA_TOML,
        ".meta/hints.toml": HINTS_TOML,
        ".meta/hints.ko.toml": HINTS_KO_TOML,
        ".meta/messages.toml": MESSAGES_TOML,
        ".meta/messages.ko.toml": MESSAGES_KO_TOML,
        ".meta/rules.ko.toml": RULES_KO_TOML,
        ".meta/scenarios.py": SCENARIOS,
        f".meta/stub/{module}.py": STUB,
        f".meta/solution/{module}.py": SOLUTION,
        ".meta/wrong/off_by_one.py": WRONG,
        ".meta/correct/computed.py": CORRECT,
    }
    for name, template in files.items():
        target = path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(template.format(**values), encoding="utf-8")
    link = workspace.solutions_dir / folder / f"{module}.py"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(os.path.relpath(path / ".meta" / "solution" / f"{module}.py", link.parent))
    readme.sync(workspace)
    return path
