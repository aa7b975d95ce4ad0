//! The widget's own words (everything that is not content), in each language, and the
//! result as plain text (what "copy the steps" copies). Pure data: the UI shows these, and the
//! copied text is built and tested natively.

use crate::config::Lang;
use crate::flow::model::{has_routes, Audience, Step};
use crate::flow::valid::ValidFlow;

/// Fixed UI texts of one language.
#[derive(Debug)]
pub struct Texts {
    /// The Back button.
    pub back: &'static str,
    /// The Restart button.
    pub restart: &'static str,
    /// The heading of the answers so far.
    pub trail: &'static str,
    /// The tooltip of a trail entry.
    pub trail_return: &'static str,
    /// "Question N", around the number.
    pub question_n: Around,
    /// "at most N more", around the number.
    pub more_at_most: Around,
    /// Said on the last question.
    pub last_question: &'static str,
    /// Above a result.
    pub result: &'static str,
    /// The heading of the steps.
    pub steps: &'static str,
    /// The heading of the notes.
    pub notes: &'static str,
    /// The heading of the prevention advice.
    pub tips: &'static str,
    /// Before the date a result was compared with LINE's help.
    pub checked: &'static str,
    /// Above a LINE app step, on a computer.
    pub on_line_app: &'static str,
    /// Above a LINE app step, on a phone.
    pub on_line_app_here: &'static str,
    /// The hint inside LINE's in-app browser.
    pub in_line_app: &'static str,
    /// The copy-the-steps button.
    pub copy: &'static str,
    /// The copy-a-link button.
    pub share: &'static str,
    /// The link that hands the result on through LINE's share screen (LINE's own label for
    /// such a button: 「LINEで送る」).
    pub send_line: &'static str,
    /// After a copy.
    pub copied: &'static str,
    /// When the clipboard refused.
    pub copy_failed: &'static str,
    /// Above a browser step.
    pub on_browser: &'static str,
    /// "Did this fix it?"
    pub resolved_q: &'static str,
    /// Its yes.
    pub yes: &'static str,
    /// Its no.
    pub no: &'static str,
    /// After yes.
    pub thanks: &'static str,
    /// Above the next result after no.
    pub next_cause: &'static str,
    /// When no further cause is left.
    pub end_of_line: &'static str,
    /// The call-to-action's default label.
    pub cta_default: &'static str,
    /// Read after a link that opens a new tab.
    pub new_window: &'static str,
    /// A trail entry for "did not help".
    pub not_resolved_trail: &'static str,
    /// Above the steps of a result with device routes, on a phone: whose steps these are.
    pub route_phone: &'static str,
    /// The same on a computer.
    pub route_desktop: &'static str,
    /// The heading of the phone's route, collapsed below a computer visitor's steps.
    pub other_route_phone: &'static str,
    /// The heading of the computer's route, collapsed below a phone visitor's steps.
    pub other_route_desktop: &'static str,
}

impl Texts {
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

const JA: Texts = Texts {
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
    send_line: "LINEで送る",
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

const EN: Texts = Texts {
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
    send_line: "Send with LINE",
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
pub fn texts(lang: Lang) -> &'static Texts {
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

/// The result as plain text, for "copy the steps": everything the result screen holds, the
/// collapsed parts too (the other device's route, the notes, the advice), labels in their
/// `[brackets]` as LINE's help writes them, and the link back to this result.
pub fn plain_text(flow: &ValidFlow, r: usize, t: &Texts, device: Audience, link: &str) -> String {
    let f = flow.flow();
    let result = &f.results[r];
    let mut out = format!("{}\n{}\n", result.title, result.cause);
    let list = |out: &mut String, heading: &str, steps: &mut dyn Iterator<Item = &Step>| {
        out.push_str(&format!("\n{heading}\n"));
        for (i, step) in steps.enumerate() {
            out.push_str(&format!("{}. {}\n", i + 1, step.text));
            if let Some(l) = &step.link {
                out.push_str(&format!("   {} {}\n", l.text, l.href));
            }
        }
    };
    let routes = has_routes(&result.steps);
    let heading = if routes {
        format!("{} {}", t.steps, t.route(device))
    } else {
        t.steps.to_owned()
    };
    list(
        &mut out,
        &heading,
        &mut result.steps.iter().filter(|s| s.is_for(device)),
    );
    if routes {
        let other = device.other();
        list(
            &mut out,
            t.route_other(device),
            &mut result.steps.iter().filter(|s| s.is_for(other)),
        );
    }
    if !result.notes.is_empty() {
        out.push_str(&format!("\n{}\n", t.notes));
        for note in &result.notes {
            out.push_str(&format!("- {note}\n"));
        }
    }
    let tips = result
        .tips
        .iter()
        .filter_map(|id| f.tips.iter().find(|tip| &tip.id == id));
    for (i, tip) in tips.enumerate() {
        if i == 0 {
            out.push_str(&format!("\n{}\n", t.tips));
        }
        list(
            &mut out,
            &tip.title,
            &mut tip.steps.iter().filter(|s| s.is_for(device)),
        );
    }
    out.push_str(&format!("\n{}: {}\n{link}\n", t.checked, result.checked));
    out
}
