"""zhnews.entities.media: outlets in book-title marks or named as a source; dateline credits are no mention."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "新浪财经讯 5月1日消息，股市上涨。",
        "澜江社北京5月1日电，股市上涨。",
        "本报讯（记者 张三）股市上涨。",
    ],
)
def test_a_dateline_credit_is_no_mention(text, found):
    assert found(text) == {}


def test_an_outlet_named_in_the_text_is_still_found_after_a_dateline(found):
    assert found("新浪财经讯 5月1日消息，据财新报道，股市上涨。") == {"财新": "MEDIA"}
