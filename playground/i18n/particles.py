"""Korean particles after values: "784를", "conv1을", "LSTM으로" instead of "784을(를)".

A translation cannot know which form follows a value ("{0}을(를) 받았습니다"), so it writes both;
``particles`` picks the one the value's last sound takes: whether the word read aloud ends in a
final consonant (받침), and for 으로/로 whether that consonant is ㄹ. Values are Hangul, numbers
("784", "30x16", "1e-4") and Latin names of nodes and types ("conv1", "Dense", "LSTM"); Latin
words are read by their spelling, acronyms by their letters' names, as Korean readers say them.
"""
from __future__ import annotations

import re

NONE, FINAL, RIEUL = 0, 1, 2  # no final consonant / one / ㄹ

# both forms as a translation writes them: (with a final consonant, without one)
_PAIRS = {"을(를)": ("을", "를"), "를(을)": ("을", "를"), "이(가)": ("이", "가"), "가(이)": ("이", "가"),
          "은(는)": ("은", "는"), "는(은)": ("은", "는"), "과(와)": ("과", "와"), "와(과)": ("과", "와"),
          "(이)라는": ("이라는", "라는"), "(이)라고": ("이라고", "라고"), "(이)라": ("이라", "라")}
_PATTERN = re.compile("|".join(re.escape(k) for k in sorted([*_PAIRS, "(으)로"], key=len, reverse=True)))
_SKIPPED = "'\"’”)]}>»」』 "  # closing quotes and brackets: the word before them decides
_DIGITS = {"0": FINAL, "1": RIEUL, "2": NONE, "3": FINAL, "4": NONE,  # 영 일 이 삼 사
           "5": NONE, "6": FINAL, "7": RIEUL, "8": RIEUL, "9": NONE}  # 오 육 칠 팔 구
_TENS = (FINAL, FINAL, FINAL)  # 십, 백, 천; 만 and above also end in a consonant
_LETTERS = {"L": RIEUL, "M": FINAL, "N": FINAL, "R": RIEUL}  # 엘 엠 엔 알; the rest end in a vowel
_ENDINGS = ((("ng", "m", "n", "ck", "k", "t", "p"), FINAL), (("l",), RIEUL))  # 빙, 림, 넌, 블록, 인풋, 스텝, 셀


def final_sound(word: str) -> int:
    """NONE, FINAL or RIEUL for the end of ``word`` read aloud."""
    word = word.rstrip(_SKIPPED)
    if not word:
        return NONE
    last = word[-1]
    if "\uac00" <= last <= "\ud7a3":
        final = (ord(last) - 0xAC00) % 28
        return NONE if final == 0 else RIEUL if final == 8 else FINAL
    if last.isdigit():
        number = re.search(r"\d+$", word).group()
        zeros = len(number) - len(number.rstrip("0"))
        if zeros == len(number):
            return FINAL  # 영
        return _DIGITS[number[-1]] if zeros == 0 else _TENS[min(zeros, 3) - 1]
    if not last.isascii() or not last.isalpha():
        return NONE
    tail = re.search(r"[A-Za-z]+$", word).group()
    if last.isupper() and (len(tail) == 1 or tail[-2].isupper()):  # an acronym: its letters' names
        return _LETTERS.get(last, NONE)
    lower = tail.lower()
    for endings, sound in _ENDINGS:
        if lower.endswith(endings):
            return sound
    return NONE


def particles(text: str) -> str:
    """``text`` with every double form ("을(를)", "(으)로", "이(가)", ...) reduced to the one the
    word before it takes."""
    def pick(match: re.Match) -> str:
        form = match.group()
        sound = final_sound(text[:match.start()])
        if form == "(으)로":
            return "으로" if sound == FINAL else "로"
        with_final, without = _PAIRS[form]
        return with_final if sound != NONE else without

    return _PATTERN.sub(pick, text)
