from zhnews import entity_cue_words


def test_the_file_is_read_once_and_shared():
    assert entity_cue_words.entity_cues() is entity_cue_words.entity_cues()


def test_character_lists_drop_the_spaces_between_groups():
    assert "王" in entity_cue_words.surnames() and " " not in entity_cue_words.surnames()
    assert "欧阳" in entity_cue_words.compound_surnames()
    translit = entity_cue_words.translit_chars()
    assert "斯" in translit and " " not in translit
