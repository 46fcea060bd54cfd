"""zhnews.yaml_rules: the rule files read as yaml.safe_load reads them, by libyaml's parser where PyYAML has it."""

from pathlib import Path

import pytest
import yaml

from zhnews.yaml_rules import SAFE_LOADER, read_yaml

RULE_FILES = sorted((Path(__file__).parents[2] / "zhnews" / "rules").glob("*.yaml"))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_rule_file_reads_as_safe_load_reads_it(path):
    assert read_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8"))


def test_the_c_parser_is_used_where_pyyaml_has_it():
    assert SAFE_LOADER is (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)


def test_a_python_object_tag_is_refused(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("x: !!python/object/apply:os.system ['true']\n", encoding="utf-8")
    with pytest.raises(yaml.constructor.ConstructorError):
        read_yaml(path)


def test_utf8_text_and_an_empty_file(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("words: [新闻联播, 記者]\n", encoding="utf-8")
    assert read_yaml(path) == {"words": ["新闻联播", "記者"]}
    path.write_text("", encoding="utf-8")
    assert read_yaml(path) is None
