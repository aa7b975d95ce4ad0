//! The widget's own words (everything that is not content), in each language.

use lld_core::config::Lang;
use lld_core::flow::model::Audience;

/// Fixed UI texts of one language.
pub struct Strings {
    pub back: &'static str,
    pub restart: &'static str,
    pub trail: &'static str,
    pub trail_return: &'static str,
    pub question_n: Around,
    pub more_at_most: Around,
    pub last_question: &'static str,
    pub result: &'static str,
    pub steps: &'static str,
    pub notes: &'static str,
    pub tips: &'static str,
    pub checked: &'static str,
    pub on_line_app: &'static str,
    pub on_line_app_here: &'static str,
    pub in_line_app: &'static str,
    pub copy: &'static str,
    pub share: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub on_browser: &'static str,
    pub resolved_q: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub thanks: &'static str,
    pub next_cause: &'static str,
    pub end_of_line: &'static str,
    pub cta_default: &'static str,
    pub new_window: &'static str,
    pub not_resolved_trail: &'static str,
    /// Above the steps of a result with device routes: whose steps these are.
    pub route_phone: &'static str,
    pub route_desktop: &'static str,
    /// The heading of the other device's route, collapsed below the visitor's.
    pub other_route_phone: &'static str,
    pub other_route_desktop: &'static str,
}

impl Strings {
    /// Says whose steps are shown: the visitor's device's.
    pub fn route(&self, device: Audience) -> &'static str {
        match device {
            Audience::Phone => self.route_phone,
            Audience::Desktop => self.route_desktop,
        }
    }

    /// The heading of the route for the other kind of device than `device`.
    pub fn route_other(&self, device: Audience) -> &'static str {
        match device.other() {
            Audience::Phone => self.other_route_phone,
            Audience::Desktop => self.other_route_desktop,
        }
    }
}

const JA: Strings = Strings {
    back: "戻る",
    restart: "最初から",
    trail: "これまでの回答",
    trail_return: "この質問に戻る",
    question_n: ("質問 ", ""),
    more_at_most: ("あと最大 ", " 問"),
    last_question: "最後の質問です",
    result: "診断結果",
    steps: "解決の手順",
    notes: "ご注意",
    tips: "今後ログインで困らないために",
    checked: "LINEの公開ヘルプと照合した日",
    on_line_app: "スマートフォンのLINEアプリで",
    on_line_app_here: "LINEアプリで",
    in_line_app: "いまLINEアプリの中でこのページを見ています。ブラウザでの手順は、SafariやChromeなどのブラウザで行ってください。手順のリンクは、ブラウザで開くようLINEに指定してあります。それでもLINEの中で開いてしまうときは、下の「この結果のリンクをコピー」を押し、ブラウザのアドレス欄に貼り付けると、この結果をブラウザで開き直せます。",
    copy: "手順をコピー",
    share: "この結果のリンクをコピー",
    copied: "コピーしました。",
    copy_failed: "コピーできませんでした。お手数ですが、画面を長押しして選択してください。",
    on_browser: "ブラウザで",
    resolved_q: "これで解決しましたか？",
    yes: "はい、解決しました",
    no: "いいえ、まだです",
    thanks: "解決してよかったです。同じことで困らないよう、下の対策もご確認ください。",
    next_cause: "次に考えられる原因です。",
    end_of_line: "ここまでの手順で解決しない場合は、ひとりで悩まずにご相談ください。",
    cta_default: "専門スタッフに相談する",
    new_window: "（新しいタブで開きます）",
    not_resolved_trail: "解決しなかった",
    route_phone: "スマートフォンだけで進める手順です。",
    route_desktop: "パソコンで進める手順です。",
    other_route_phone: "スマートフォンだけで進める場合の手順",
    other_route_desktop: "パソコンで進める場合の手順",
};

const EN: Strings = Strings {
    back: "Back",
    restart: "Start over",
    trail: "Your answers so far",
    trail_return: "Go back to this question",
    question_n: ("Question ", ""),
    more_at_most: ("at most ", " more"),
    last_question: "last question",
    result: "Diagnosis",
    steps: "How to fix it",
    notes: "Please note",
    tips: "So this does not happen again",
    checked: "Checked against LINE's public help on",
    on_line_app: "In the LINE app on your phone",
    on_line_app_here: "In the LINE app",
    in_line_app: "You are reading this inside the LINE app. Do the browser steps in Safari, Chrome or another browser: the links below ask LINE to open them there. If a link still opens inside LINE, tap “Copy a link to this result” below and paste it into your browser's address bar to reopen this result there.",
    copy: "Copy the steps",
    share: "Copy a link to this result",
    copied: "Copied.",
    copy_failed: "Could not copy. Please select the text by pressing and holding it.",
    on_browser: "In a web browser",
    resolved_q: "Did this fix it?",
    yes: "Yes, it's fixed",
    no: "No, not yet",
    thanks: "Glad it worked. To keep it from happening again, see the advice below.",
    next_cause: "Here is the next most likely cause.",
    end_of_line: "If these steps did not fix it, you don't have to solve it alone: ask us.",
    cta_default: "Ask a specialist",
    new_window: " (opens in a new tab)",
    not_resolved_trail: "did not help",
    route_phone: "These steps work with just your phone.",
    route_desktop: "These steps are for a computer.",
    other_route_phone: "If you only have your phone",
    other_route_desktop: "If you use a computer",
};

/// The texts of a language.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

/// A text around a number: `(before, after)`.
pub type Around = (&'static str, &'static str);

/// The text with `n` in its place.
pub fn fill((before, after): Around, n: usize) -> String {
    format!("{before}{n}{after}")
}

/// `2026-11-25` as the language writes dates.
pub fn date(lang: Lang, iso: &str) -> String {
    let mut parts = iso.splitn(3, '-').map(|p| p.trim_start_matches('0'));
    match (lang, parts.next(), parts.next(), parts.next()) {
        (Lang::Ja, Some(y), Some(m), Some(d)) => format!("{y}年{m}月{d}日"),
        _ => iso.to_owned(),
    }
}
