# Portal and page labels in four scripts: the patterns are meant to hold them.
# ruff: noqa: RUF001
"""What is not the article: the lines a news portal or an outlet's page puts around it
(summary notices, font-size widgets, reaction prompts, sharing and subscribing, tip-off
boilerplate, advertising), and the copyright and e-mail lines that the recogniser reads
for the outlet before dropping them.

Rules, not a model: each pattern names a kind of line a portal or an outlet shows, in any
of the four languages. A line is furniture only when the whole line is (a short label);
an article sentence that mentions a subscription stays.
"""

import re
import unicodedata

# -- whole lines that are furniture ---------------------------------------------------------

_LABELS = [
    # Korean portals (Daum, Naver) and outlets' pages.
    r"자동\s*요약",
    r"요약\s*봇",
    r"AI\s*요약",
    r"기사\s*제목과\s*주요\s*문장을\s*기반으로.*자동\s*요약.*",
    r"전체\s*맥락을\s*이해하기\s*위해서는.*",
    r"본문\s*보기를\s*권장합니다\.?",
    r"글씨\s*크기(\s*조절)?(\s*(작게|크게|보통|가+))*",
    r"글자\s*크기(\s*조절)?(\s*(작게|크게|보통|가+))*",
    r"가\s*가\s*가(\s*가)*",
    r"(작게|보통|크게|매우\s*크게|가장\s*크게)(\s+(작게|보통|크게|매우\s*크게|가장\s*크게))*",
    r"텍스트\s*음성\s*변환\s*서비스(\s*사용하기)?",
    r"(본문|기사)\s*(듣기|읽어주기)(\s*(설정|중지|시작))?",
    r"음성(으로)?\s*듣기",
    r"번역\s*(beta|설정)?",
    r"Translated\s+by\s+\S+",
    r"(이|이번|본)\s*기사(에\s*대해|를|는)?\s*(어떠셨나요|어떠세요|어땠나요|"
    r"어떻게\s*(생각하시나요|생각하세요|보셨나요))\s*\??",
    r"(이\s*기사를\s*)?(추천해요|추천|좋아요|감동이에요|화나요|슬퍼요|훈훈해요|후속\s*(기사\s*)?원해요|"
    r"쏠쏠정보|흥미진진|공감백배|분석탁월|최고예요|놀랐어요|궁금해요|응원해요|팬이에요)"
    r"(\s*[0-9,]+)?",
    r"(구독|구독하기|구독중|구독\s*취소|기자\s*구독|언론사\s*구독|응원|응원하기|공유|공유하기|"
    r"댓글|댓글\s*쓰기|댓글\s*보기|스크랩|인쇄|인쇄하기|프린트|저장|북마크|신고|닫기|더보기|"
    r"링크\s*복사|URL\s*복사|주소\s*복사|복사하기|페이스북|트위터|카카오톡|카카오스토리|밴드|"
    r"네이버\s*블로그|메일|이메일\s*보내기|목록|이전|다음|이전\s*기사|다음\s*기사|맨\s*위로|"
    r"본문\s*바로\s*가기|메뉴\s*바로\s*가기|기사\s*원문|원문\s*보기|기사\s*원문\s*보기|"
    r"언론사\s*홈|언론사\s*홈\s*바로\s*가기|기자\s*프로필|프로필|팔로우|알림\s*받기|"
    r"관련\s*기사|관련\s*뉴스|많이\s*본\s*뉴스|많이\s*본\s*기사|주요\s*뉴스|랭킹\s*뉴스|"
    r"함께\s*볼만한\s*뉴스|이\s*시각\s*주요\s*뉴스|오늘의\s*주요\s*뉴스|실시간\s*뉴스|포토|"
    r"광고|AD|ⓐ|홈|뉴스|전체\s*메뉴|검색|로그인|로그아웃|회원가입|마이페이지|설정|"
    r"다음\s*뉴스|네이버\s*뉴스|Daum|NAVER|네이버|카카오)"
    r"(\s*[0-9,]+)?",
    r"응원수\s*[0-9,]*",
    # Font-size controls, however worded (글자/글씨/폰트 크기/사이즈 + 설정, 조절, 변경…),
    # their buttons (가 가 가), what they say of themselves (…글자크기가 변경됩니다) and
    # the sample text they show ("(예시) …").
    r"(본문\s*)?(글자|글씨|폰트|활자|문자|텍스트)\s*(크기|사이즈)"
    r"(\s*(설정|조절|조정|변경|선택|키우기|줄이기|확대|축소|보기|바꾸기|작게|크게|보통|가+))*"
    r"(\s*하기)?",
    r"(본문\s*)?(글자|글씨)\s*(크게|작게)(\s*(보기|하기))?",
    r"가(\s*가)*",
    r".{0,40}(글자|글씨|폰트|활자)\s*(크기|사이즈).{0,30}(니다|세요|어요|아요)[.!]?",
    r"[\[(（]\s*(예시|미리\s*보기|preview|sample|示例|预览|サンプル|例)\s*[\])）].*",
    # Links to the reporter's own page, profile, channel or other articles.
    r"(이\s*)?(기자|작성자|필자|저자|에디터)(\s*의)?\s*(페이지|프로필|정보|홈|채널|구독|"
    r"구독하기|팔로우|소개|다른\s*기사|기사\s*(목록|모음)|뉴스)"
    r"(\s*(보기|바로\s*가기|더\s*보기|가기))*",
    # Naver's note on the sections it files an article under.
    r".*섹션\s*정보는.*(언론사|분류).*",
    r"이\s*기사를\s*추천합니다",
    r"[0-9,.]+",  # a counter left alone on its line
    r"타임톡(\s*[0-9,]+)?",
    r"(글씨|글자)\s*크기\s*(조절|변경)(하기)?",
    r"(가장|매우)\s*(작게|크게)",
    r"(본문\s*)?요약\s*(보기|봇(\s*베타)?)",
    r"SNS\s*(보내기|공유)",
    r"기사\s*원문(\s*보기)?",
    r"PICK\s*안내",
    r"언론사별|엔터|날씨|프리미엄|연재|구독자\s*[0-9,]*|후속\s*강추|기사\s*추천",
    r".{1,20}\s*(구독하기|구독|주요\s*뉴스|헤드라인|기사\s*더보기|랭킹\s*뉴스|많이\s*본\s*뉴스)",
    r".{1,12}\s*기자의\s*다른\s*기사(\s*보기)?",
    r"해당\s*언론사.*",
    r"(다음|네이버)\s*뉴스에서.*",
    r"(네이버|다음|카카오)\s*광고(\s*더보기)?",
    r"광고\s*더보기",
    r"댓글\s*[0-9,]+\s*(개)?",
    r"공감\s*[0-9,]*",
    r".*(메인에서|메인\s*뉴스판에서).*(구독|만나|보세요|확인).*",
    r".*(구독하고|구독하면|구독하세요|구독\s*버튼).*",
    r"이\s*기사는\s*언론사에서.*(분류|섹션).*",
    r"기사\s*섹션\s*분류\s*안내.*",
    r"언론사\s*(페이지|홈)(\(언론사\s*홈\))?\s*에서.*",
    r".*네이버가\s*(제공|선정|편집).*",
    r"(네이버|다음|Daum|NAVER)\s*(뉴스)?\s*(에서)?\s*(제공|선정|편집|바로\s*가기).*",
    r"이\s*기사는\s*.*AI.*(학습|활용).*",
    r".*무단\s*전재.*재배포.*금지.*",
    r".*재배포\s*금지.*",
    r"\[?\s*(광고|AD|Advertisement|스폰서|Sponsored)\s*\]?.*",
    r"#\S+(\s+#\S+)*",  # hashtags
    # Tip-off boilerplate.
    r"[\[(※]?.{0,30}제보.{0,60}(카톡|카카오톡|이메일|메일|전화|okjebo|@|기다립니다|받습니다|하기|환영).{0,60}",
    r"제보\s*하기",
    r"[▷▶►▸>]\s*(전화|카카오톡|카톡|이메일|메일|홈페이지|제보|유튜브|문자|뉴스\s*홈|기사\s*제보).*",
    r"[▷▶►▸]\s*.*(바로\s*가기|클릭|보러\s*가기|구독).*",
    r"[▶▷►]\s*관련\s*기사.*",
    # English pages.
    r"(share|share this|share this article|share on \w+|print|print this|print article|email|"
    r"e-mail|facebook|twitter|x|linkedin|whatsapp|kakaotalk|line|copy link|copy url|link copied|"
    r"font size|text size|a a a|a\+|a-|aa|listen|listen to this article|listen to article|"
    r"advertisement|sponsored|subscribe|subscribe now|sign in|log in|login|sign up|register|"
    r"comments?|leave a comment|\d+ comments?|read more|more|related articles?|related stories|"
    r"related news|most read|most popular|most viewed|top news|trending|latest news|tags?|"
    r"back to top|top|menu|search|home|close|next|prev|previous|next article|previous article|"
    r"list|go to list|view list|bookmark|save|follow|news|recommended|you may also like|"
    r"what do you think\??|what do you think of this article\??|"
    r"like|dislike|reactions?|newsletter|skip to (main )?content)"
    r"(\s*[0-9,]+)?",
    r"(translated|machine translated)\s+(by|with)\s+.*",
    r"(adjust|change|increase|decrease|reset|enlarge|reduce)?\s*(the\s+)?(font|text|type)\s*"
    r"size(\s*[:：]?\s*(small|medium|large|smaller|larger|bigger|[sml]|a|\+|-))*",
    r"((view|see|visit)\s+)?(the\s+)?(author|reporter|writer|journalist)(['’]s)?\s*"
    r"(page|profile|bio|archive)",
    r"(more|other|all)\s+(stories|articles|news|posts)\s+(by|from)\s+(this|the)\s+"
    r"(author|reporter|writer|journalist)",
    r"about\s+the\s+(author|reporter|writer)",
    r"this (article|story) (was|is) (machine|ai)[- ]translated.*",
    # Chinese pages.
    r"(字号\s*[:：]?\s*(大\s*中\s*小)?|当前位置\s*[:：].*|分享到\s*[:：]?.*|分享|微信|微博|QQ空间|朋友圈|扫一扫|扫描二维码.*|打印|打印本页|关闭|关闭窗口|收藏|"
    r"字号|字体|大|中|小|大\s*中\s*小|返回顶部|返回首页|首页|相关新闻|相关阅读|相关报道|推荐阅读|"
    r"热点新闻|点击排行|热门排行|24小时排行|评论|发表评论|我要评论|登录|注册|广告|更多|"
    r"【?\s*我要纠错\s*】?|【?\s*纠错\s*】?|上一篇|下一篇|责任编辑[:：].*|编辑[:：].*|校对[:：].*|"
    r"审核[:：].*|监制[:：].*|点赞|举报|版权声明.*|免责声明.*|相关阅读[:：]?|打印|关闭)",
    r"(调整|设置|选择)?\s*(字号|字体|字体大小|文字大小)(\s*(调整|设置|大小|[:：]|大|中|小|默认))*",
    r"(查看)?(作者|记者|编辑)\s*(主页|简介|专栏|的其他文章|更多文章|其他文章)",
    r".*(未经授权|未经许可).*(转载|使用|复制).*",
    r".*版权所有.*",
    # Japanese pages.
    r"(シェア|ツイート|ポスト|印刷|文字サイズ|文字の大きさ|大|中|小|関連記事|関連ニュース|"
    r"ランキング|アクセスランキング|広告|PR|コメント|コメントする|ブックマーク|保存|フォロー|"
    r"この記事を読んで.?|興味深い|悲しい|すっきり|腹立つ|役に立つ|参考になった|なるほど|"
    r"この記事を読む|続きを読む|もっと見る|トップへ戻る|ページの先頭へ|ホーム|ニュース|"
    r"メール|LINE|はてなブックマーク|有料会員限定|会員限定記事|ログイン|会員登録|前へ|次へ|"
    r"前の記事|次の記事|一覧へ戻る|一覧|おすすめ|注目記事)",
    r"(文字|フォント)\s*(サイズ|の大きさ)(\s*(変更|調整|切替|切り替え|[:：]|大|中|小|標準))*",
    # A Japanese portal's (Yahoo! JAPAN News) category menu, one entry a line, its comment
    # counters and links, and its report and comment buttons.
    r"(トップ|速報|ライブ|エキスパート|オリジナル|みんなの意見|主要|国内|国際|経済|エンタメ|"
    r"スポーツ|IT|科学|ライフ|地域|ヤフコメ|コメントを書く|みんなの意見を見る|"
    r"記事に関する報告|(この)?記事(を|の)?(報告|通報)(する)?)",
    r"コメント\s*[0-9,]+\s*件",
    r"(この)?記者(の)?(ページ|プロフィール|一覧|記事一覧|ほかの記事|他の記事|をフォロー)",
    r".*無断(転載|複製|転用).*",
    r".*著作権は.*帰属.*",
    # A broadcaster's script as its page prints it: the replay link, the speakers' marks
    # ([앵커], [리포트], [기자], [인터뷰]…) and the video credits (영상편집: …, 영상취재: …).
    r"(방송\s*|영상\s*|뉴스\s*)?다시\s*보기|(동영상|영상)\s*(보기|재생)|VOD",
    r"[\[【<〈]\s*(앵커|앵커\s*멘트|앵커\s*리포트|리포트|기자|기자\s*리포트|인터뷰|녹취|현장음|"
    r"클로징|기자\s*멘트|스탠드\s*업|스탠드업)\s*[\]】>〉]",
    r"((영상|촬영|화면)\s*(편집|취재|촬영|기자|구성)|그래픽|CG|편집|구성|취재\s*지원)"
    r"\s*[:：=]\s*.{1,40}",
    r"(영상|촬영)\s*(편집|취재|기자)\s+[가-힣]{2,4}(\s*(기자|PD))?"
    r"(\s*[,·/]\s*[가-힣]{2,4}(\s*(기자|PD))?)*",
    # Image credits alone on a line.
    r"[\[(（【]?\s*(사진|그래픽|영상|자료|출처|사진제공|Photo|Image|图|图片|照片|写真|資料)\s*[=:：/]"
    r"\s*[^\])）】]{1,40}[\])）】]?",
    r"[\[(（【]?\s*[^\s\])）】]{1,20}\s*제공\s*[\])）】]?",
    r"(Courtesy of|Photo courtesy of|Provided by)\s+.{1,60}",
    r"ⓒ\s*(게티이미지|연합뉴스|뉴스1|뉴시스|News1|Newsis|Getty|AP|AFP|Reuters|EPA).{0,40}",
]

#: Headings of the lists a page puts after the article (most read, related, headlines):
#: what follows them is other articles' headlines.
LIST_HEADINGS = re.compile(
    r"^[\s\W_]*(?:most\s+(?:viewed|read|popular)|related\s+(?:articles?|stories|news)|"
    r"top\s+(?:news|stories)|latest\s+news|you\s+may\s+also\s+like|recommended|"
    r".{0,20}(?:헤드라인|주요\s*뉴스|랭킹\s*뉴스)|관련\s*(?:기사|뉴스)|많이\s*본\s*(?:뉴스|기사)|"
    r"함께\s*볼만한\s*뉴스|랭킹\s*뉴스|関連(?:記事|ニュース)|アクセスランキング|ランキング|"
    r"相关(?:新闻|阅读|报道)|推荐阅读|热点新闻|点击排行)[\s\W_]*$",
    re.I,
)

FURNITURE = re.compile(
    r"^[\s\W_]*(?:" + "|".join(f"(?:{p})" for p in _LABELS) + r")[\s\W_]*$", re.I
)

#: A line that is nothing but e-mail addresses, or a reporter's name and address.
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")

#: Copyright lines: the holder's name comes after the sign or the word, before the
#: boilerplate ("All rights reserved", 무단전재…, 版权所有, 無断転載).
COPYRIGHT = re.compile(
    r"(?:copyright|\(c\)|©|ⓒ|Ⓒ|저작권자|版权所有|著作権)",
    re.I,
)
_COPYRIGHT_PREFIX = re.compile(
    r"^[\s<\[(【〈《]*(?:저작권자\s*)?(?:copyright\s*)?(?:©|ⓒ|Ⓒ|\(c\)|copyright|版权所有[:：]?)?"
    r"\s*(?:copyright)?\s*(?:©|ⓒ|Ⓒ|\(c\))?\s*(?:\d{4}(?:\s*[-–~]\s*\d{4})?\s*)?[.,]?\s*",
    re.I,
)
_COPYRIGHT_TAIL = re.compile(
    r"(?:[.,·\s]*(?:all\s+rights?\s+reserved|무단\s*전재|무단\s*복제|무단전재|재배포|"
    r"AI\s*학습|版权所有|保留所有权利|未经|無断|禁止|금지|转载|reproduction|"
    r"redistribution|unauthorized|unauthorised|may not be).*)$",
    re.I,
)
DOMAIN_IN_TEXT = re.compile(
    r"(?:https?://)?(?:www\.)?((?:[A-Za-z0-9-]+\.)+(?:com|net|org|kr|cn|jp|co|tv|news|info|"
    r"biz|hk|tw|asia|io|me|fr|uk|example|test))\b|(?:https?://|www\.)((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,12})\b",
    re.I,
)


def normalise_line(line: str) -> str:
    """A line as the rules read it: width-folded (NFKC), spaces collapsed."""
    # The circled c is a copyright sign in clippings; NFKC would make it a letter c.
    line = line.replace("ⓒ", "©").replace("Ⓒ", "©")
    line = unicodedata.normalize("NFKC", line).replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"\s+", " ", line).strip()


def is_furniture(line: str) -> bool:
    line = normalise_line(line)
    if not line:
        return False
    if len(line) > 200:
        return False
    if FURNITURE.match(line):
        return True
    # Several labels on one line: 【打印】【关闭】, "Share | Print | Email".
    bracketed = re.findall(r"[【\[]([^】\]]{1,12})[】\]]", line)
    if len(bracketed) >= 2 and not re.sub(r"[【\[][^】\]]{1,12}[】\]]|\s", "", line):
        return all(FURNITURE.match(part) for part in bracketed)
    return is_menu(line)


def is_menu(line: str) -> bool:
    """A menu on one line: three or more short entries between bars or arrows
    ("首页 | 创投 | 硬科技", "Home > News > World")."""
    items = [item.strip() for item in re.split(r"\s*[|｜>›»]\s*", line)]
    return len(items) >= 3 and all(0 < len(item) <= 12 for item in items)


def is_copyright(line: str) -> bool:
    line = normalise_line(line)
    if len(line) > 200 or not COPYRIGHT.search(line):
        return False
    return bool(
        re.search(r"copyright|©|ⓒ|Ⓒ|\(c\)", line, re.I)
        and (
            _COPYRIGHT_TAIL.search(line)
            or len(line) < 80
            or re.search(r"rights|전재|배포|转载|転載", line, re.I)
        )
    ) or bool(re.search(r"저작권자|版权所有|著作権", line))


def copyright_holder(line: str) -> tuple[str, str]:
    """The name and domain a copyright line gives: ``© The Asia Business Daily
    (www.asiae.co.kr). All rights reserved.`` → ("The Asia Business Daily", "asiae.co.kr")."""
    line = normalise_line(line)
    match = COPYRIGHT.search(line)
    rest = line[match.start() :] if match else line
    rest = _COPYRIGHT_PREFIX.sub("", rest, count=1)
    rest = _COPYRIGHT_TAIL.sub("", rest)
    rest = re.sub(
        r"(?:19|20)\d\d\s*[.\-/年]\s*\d{1,2}\s*[.\-/月]\s*\d{1,2}\s*[.日]?(?:\s*\d{1,2}:\d{2})?.*$",
        "",
        rest,
    )
    domain = ""
    found = DOMAIN_IN_TEXT.search(rest)
    if found:
        domain = (found.group(1) or found.group(2)).lower()
        rest = rest[: found.start()] + rest[found.end() :]
    rest = re.sub(r"^(?:by|저작권자)\s+", "", rest, flags=re.I)
    name = re.sub(r"[\s()（）\[\]<>〈〉《》,.:;·\-–—|/]+$", "", rest)
    name = re.sub(r"^[\s()（）\[\]<>〈〉《》,.:;·\-–—|/]+", "", name)
    name = re.sub(r"\(\s*\)", "", name).strip()
    name = re.sub(r"\s*(?:inc|co|ltd|corp)\.?$", "", name, flags=re.I).strip(" ,.")
    if len(name) > 60:
        name = ""
    return name, domain
