"""Search folding: one set of rules, followed alike by Python and by the site's script."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from build_tools.site.search import fold, write_search_script

SAMPLES = ["أَبُو بَكْرٍ", "إِبْرَاهِيمُ", "آمَنُوا", "ٱلرَّحْمَٰنِ", "مكة", "عَلَىٰٓ", "الكتـــاب",
           "٤٠", "۴۰", "EBU BEKİR", "Ebû Bekir", "ISPARTA ılık", "Ümeyye", "Çok güzel"]


def test_arabic_variants_meet():
    assert fold("أَبُو بَكْرٍ") == fold("ابو بكر") == "ابو بكر"
    assert fold("مكة") == fold("مكه")
    assert fold("ٱلرَّحْمَٰنِ") == "الرحمن"
    assert fold("عَلَىٰٓ") == fold("علي")
    assert fold("الكتـــاب") == "الكتاب"
    assert fold("سورة التوبة ٤٠") == fold("سوره التوبه 40")


def test_turkish_dotted_and_dotless_i_meet_in_any_case():
    assert fold("EBU BEKİR") == fold("Ebû Bekir") == fold("ebu bekir")
    assert fold("ILIK") == fold("ılık") == fold("ilik")


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_sites_script_folds_exactly_as_python_does(tmp_path):
    script = write_search_script(tmp_path)
    runner = tmp_path / "run.js"
    runner.write_text(
        "global.window = {};\n"
        f"require({json.dumps(str(script))});\n"
        f"const samples = {json.dumps(SAMPLES, ensure_ascii=False)};\n"
        "console.log(JSON.stringify(samples.map(window.editionSearchFold)));\n",
        encoding="utf-8")
    result = subprocess.run(["node", str(runner)], capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == [fold(sample) for sample in SAMPLES]
