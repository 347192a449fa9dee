"""Makes the two tiny "system" fonts the tests install in a folder (run from the repository
root: python3 tests/data/fonts/make-test-fonts.py; needs fonttools).

Both are subsets of the bundled FandolKai (GPL 3 with the font exception, see
fonts/LICENSE-Fandol-*), renamed: a 楷 face under a 仿宋 name, so a page drawn with it is
told apart from the bundled FandolFang at a glance.

- fangsong-gb2312-test.otf: family 仿宋_GB2312 / FangSong_GB2312, embedding installable.
- kaiti-gb2312-restricted-test.otf: family 楷体_GB2312 / KaiTi_GB2312, OS/2 fsType 2
  (restricted licence embedding: must not be embedded).
"""
import os
from fontTools import subset
from fontTools.ttLib import TTFont

os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
SRC = "fonts/FandolKai-Regular-nianbao.otf"
OUT = "tests/data/fonts"
# The body text of the tests' report, not all of it: the rest falls back to FandolFang.
TEXT = "政府信息公开工作年度报告本机关主动申请办理情况总体一二三四五六七八九十年月日，。、；：（）0123456789"


def make(family_en, family_zh, file, fs_type):
    font = TTFont(SRC)
    opts = subset.Options()
    opts.layout_features = []
    opts.hinting = False
    opts.name_IDs = []
    sub = subset.Subsetter(opts)
    sub.populate(text=TEXT)
    sub.subset(font)
    name = font["name"]
    name.names = []
    ps = family_en.replace(" ", "")
    for nid, value in [(1, family_en), (2, "Regular"), (4, family_en), (6, ps)]:
        name.setName(value, nid, 3, 1, 0x409)
    name.setName(family_zh, 1, 3, 1, 0x804)
    name.setName(family_zh, 4, 3, 1, 0x804)
    font["CFF "].cff.fontNames = [ps]
    font["CFF "].cff[0].FullName = family_en
    font["CFF "].cff[0].FamilyName = family_en
    font["OS/2"].fsType = fs_type
    font.save(os.path.join(OUT, file))


make("FangSong_GB2312", "仿宋_GB2312", "fangsong-gb2312-test.otf", 0)
make("KaiTi_GB2312", "楷体_GB2312", "kaiti-gb2312-restricted-test.otf", 2)
