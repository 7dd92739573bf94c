"""Text put into HTML is escaped exactly as the standard library's ``html.escape`` does it."""

from __future__ import annotations

import html

from hypothesis import given
from hypothesis import strategies as st

from gui.markup import escape


@given(st.text())
def test_escape_is_html_escape(text):
    assert escape(text) == html.escape(text)


def test_markup_characters_are_escaped():
    assert escape("<b>\"Tom\" & 'Jerry'</b>") == "&lt;b&gt;&quot;Tom&quot; &amp; &#x27;Jerry&#x27;&lt;/b&gt;"
