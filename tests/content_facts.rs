//! A checklist of facts the built-in content must state, derived from the seed article
//! (`shared/seed/000_255a92ef7b85d449.txt`) and the fact sheet (`shared/content/line-login-facts.md`,
//! which wins where the article is outdated).
//!
//! `tests/validate.rs` and `flowcheck` prove the files are *well-formed*; this file proves they
//! still *say the right things*: the exact LINE labels, the URLs, the corrections (ビジネスID,
//! [変更] instead of 「確認」), the extensions (2段階認証, QRコードログイン, 400 Bad Request…), and
//! that nothing unconfirmed is promised (no "restorable" account, no invented label).
//! Each assertion names the fact it checks, so a failing run says what the content lost.

use line_login_diagnosis::flow::model::{Flow, Place, ResultNode, Step, Tip};

const JA: &str = include_str!("../content/line-login.ja.json");
const EN: &str = include_str!("../content/line-login.en.json");

const CHECKED: &str = "2026-11-25";

fn ja() -> Flow {
    line_login_diagnosis::flow::json::parse_flow(JA)
        .expect("content/line-login.ja.json must parse as a Flow")
}

fn en() -> Flow {
    line_login_diagnosis::flow::json::parse_flow(EN)
        .expect("content/line-login.en.json must parse as a Flow")
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn steps_text(out: &mut String, steps: &[Step]) {
    for s in steps {
        out.push_str(&s.text);
        out.push('\n');
        if let Some(link) = &s.link {
            out.push_str(&link.text);
            out.push('\n');
            out.push_str(&link.href);
            out.push('\n');
        }
    }
}

/// Every text of one result: title, cause, steps (with links) and notes.
fn result_text(r: &ResultNode) -> String {
    let mut out = format!("{}\n{}\n", r.title, r.cause);
    steps_text(&mut out, &r.steps);
    for n in &r.notes {
        out.push_str(n);
        out.push('\n');
    }
    out
}

fn tip_text(t: &Tip) -> String {
    let mut out = format!("{}\n", t.title);
    steps_text(&mut out, &t.steps);
    out
}

/// Every text of the flow, one after another.
fn all_texts(flow: &Flow) -> Vec<String> {
    let mut out = vec![flow.title.clone()];
    for q in &flow.questions {
        out.push(q.text.clone());
        out.extend(q.help.clone());
        out.extend(q.answers.iter().map(|a| a.text.clone()));
    }
    for r in &flow.results {
        out.push(r.title.clone());
        out.push(r.cause.clone());
        out.extend(r.notes.iter().cloned());
        for s in &r.steps {
            out.push(s.text.clone());
            out.extend(s.link.as_ref().map(|l| l.text.clone()));
        }
    }
    for t in &flow.tips {
        out.push(t.title.clone());
        for s in &t.steps {
            out.push(s.text.clone());
            out.extend(s.link.as_ref().map(|l| l.text.clone()));
        }
    }
    out
}

fn all_text(flow: &Flow) -> String {
    all_texts(flow).join("\n")
}

/// Every step of every result and tip, with the id of its node.
fn all_steps(flow: &Flow) -> Vec<(&str, &Step)> {
    let mut out = Vec::new();
    for r in &flow.results {
        out.extend(r.steps.iter().map(|s| (r.id.as_str(), s)));
    }
    for t in &flow.tips {
        out.extend(t.steps.iter().map(|s| (t.id.as_str(), s)));
    }
    out
}

/// The `[label]`s of a text, without brackets.
fn labels(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(len) = rest[open + 1..].find(']') else {
            break;
        };
        out.push(&rest[open + 1..open + 1 + len]);
        rest = &rest[open + 2 + len..];
    }
    out
}

#[track_caller]
fn result<'a>(flow: &'a Flow, id: &str) -> &'a ResultNode {
    flow.results
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("fact missing: the {} flow has no result {id:?}", flow.lang))
}

#[track_caller]
fn tip<'a>(flow: &'a Flow, id: &str) -> &'a Tip {
    flow.tips
        .iter()
        .find(|t| t.id == id)
        .unwrap_or_else(|| panic!("fact missing: the {} flow has no tip {id:?}", flow.lang))
}

/// Asserts that `haystack` contains `needle`; `fact` says which fact of the sources is missing.
#[track_caller]
fn has(haystack: &str, needle: &str, fact: &str) {
    assert!(
        haystack.contains(needle),
        "fact missing: {fact} — expected the text to contain {needle:?}"
    );
}

/// Asserts that `haystack` does not contain `needle`; `fact` says which rule it would break.
#[track_caller]
fn has_not(haystack: &str, needle: &str, fact: &str) {
    assert!(
        !haystack.contains(needle),
        "wrong fact: {fact} — the text must not contain {needle:?}"
    );
}

/// Asserts that the step of result/tip `node` containing `needle` is done at `place`.
#[track_caller]
fn step_on(steps: &[Step], node: &str, needle: &str, place: Place, fact: &str) {
    let step = steps
        .iter()
        .find(|s| s.text.contains(needle))
        .unwrap_or_else(|| {
            panic!("fact missing: {fact} — no step of {node:?} contains {needle:?}")
        });
    assert_eq!(
        step.on,
        Some(place),
        "fact missing: {fact} — the step of {node:?} with {needle:?} must be marked on {place:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Structure every result shares
// ---------------------------------------------------------------------------------------------

#[test]
fn every_result_is_checked_on_the_content_date() {
    for flow in [ja(), en()] {
        for r in &flow.results {
            assert_eq!(
                r.checked, CHECKED,
                "result {:?} ({}) must say when it was checked: {CHECKED}",
                r.id, flow.lang
            );
        }
    }
}

#[test]
fn every_result_has_three_to_eight_steps() {
    for flow in [ja(), en()] {
        for r in &flow.results {
            assert!(
                (3..=8).contains(&r.steps.len()),
                "result {:?} ({}) has {} steps; a fix needs 3 to 8 concrete steps",
                r.id,
                flow.lang,
                r.steps.len()
            );
        }
    }
}

#[test]
fn english_has_the_same_nodes_as_japanese() {
    let (ja, en) = (ja(), en());
    assert_eq!(ja.id, "line-login", "the flow id is line-login");
    assert_eq!(en.id, ja.id, "both languages share the flow id");
    assert_eq!(ja.lang, "ja", "the Japanese file says lang ja");
    assert_eq!(en.lang, "en", "the English file says lang en");
    let ids = |f: &Flow| f.results.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(&en),
        ids(&ja),
        "the English file must have the same result ids, in order"
    );
    let qids = |f: &Flow| f.questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        qids(&en),
        qids(&ja),
        "the English file must have the same question ids, in order"
    );
    let tids = |f: &Flow| f.tips.iter().map(|t| t.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        tids(&en),
        tids(&ja),
        "the English file must have the same tip ids, in order"
    );
}

#[test]
fn the_seed_articles_causes_and_measures_all_have_a_node() {
    let flow = ja();
    for id in [
        "admin-url",            // 管理画面のURLがわからない
        "which-account",        // LINEアカウントかビジネスアカウントかわからない
        "email-not-registered", // メールアドレスをそもそも設定していない
        "email-forgotten",      // メールアドレスを忘れてしまった
        "password-line",        // LINEアカウントのパスワードがわからない
        "password-business",    // ビジネスアカウントのパスワードがわからない
        "frozen-or-deleted",    // 凍結・削除
        "new-account",          // 新規でアカウントを作成
    ] {
        result(&flow, id);
    }
    for id in ["both-methods", "keep-login-info", "several-admins"] {
        tip(&flow, id);
    }
}

#[test]
fn the_first_question_speaks_plain_symptoms_and_offers_dont_know() {
    let flow = ja();
    let start = flow
        .questions
        .iter()
        .find(|q| q.id == flow.start)
        .expect("the start question exists");
    let answers = start
        .answers
        .iter()
        .map(|a| a.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    for (needle, fact) in [
        (
            "ログインする画面が見つからない",
            "symptom: admin page not found",
        ),
        ("メールアドレスがわからない", "symptom: email unknown"),
        ("パスワードが違う", "symptom: wrong password"),
        ("届かない", "symptom: code or mail does not arrive"),
        ("見当たらない", "symptom: logged in but account missing"),
        (
            "入力は合っているはず",
            "symptom: right input but still locked out",
        ),
        (
            "わからない",
            "an 「わからない」 answer on the first question",
        ),
    ] {
        has(&answers, needle, fact);
    }
}

// ---------------------------------------------------------------------------------------------
// Labels and links: only what the sources confirm
// ---------------------------------------------------------------------------------------------

/// Every `[label]` must be one the fact sheet gives as LINE's Japanese UI text.
const KNOWN_LABELS: &[&str] = &[
    "ホーム",
    "設定",
    "アカウント",
    "メールアドレス",
    "次へ",
    "認証番号再送信",
    "メールアドレス変更",
    "パスワード",
    "変更",
    "LINEアカウントでログイン",
    "ビジネスアカウントでログイン",
    "LINEアカウント",
    "未連携",
    "権限管理",
    "メンバーを追加",
    "権限の種類",
    "URLを発行",
    "アカウントを作成",
    "LINEアカウントで登録",
    "メールアドレスで登録",
    "登録用のリンクを送信",
    "登録画面に進む",
    "登録",
];

#[test]
fn every_label_is_a_confirmed_line_ui_label() {
    for flow in [ja(), en()] {
        for text in all_texts(&flow) {
            for label in labels(&text) {
                assert!(
                    KNOWN_LABELS.contains(&label),
                    "label [{label}] ({}) is not a LINE UI label confirmed by the fact sheet \
                     (unconfirmed wording must be plain text, not a label): {text:?}",
                    flow.lang
                );
                assert!(
                    !label.contains("http") && !label.contains(".biz"),
                    "URLs never go inside a label: [{label}]"
                );
            }
        }
    }
}

#[test]
fn links_are_the_official_entry_points() {
    const KNOWN: &[&str] = &[
        "https://manager.line.biz/",
        "https://account.line.biz/login",
        "https://account.line.biz/profile",
        "https://terms2.line.me/official_account_terms_jp",
    ];
    for flow in [ja(), en()] {
        for (node, step) in all_steps(&flow) {
            if let Some(link) = &step.link {
                assert!(
                    KNOWN.contains(&link.href.as_str()),
                    "{node:?} ({}) links {:?}, which is not one of the official entry points",
                    flow.lang,
                    link.href
                );
                assert_eq!(
                    step.on,
                    Some(Place::Browser),
                    "{node:?} ({}): a step that opens {} is done in a browser",
                    flow.lang,
                    link.href
                );
            }
        }
    }
}

#[test]
fn line_app_menu_steps_are_marked_line_app() {
    for flow in [ja(), en()] {
        for (node, step) in all_steps(&flow) {
            if step.text.contains("[ホーム] > [設定] > [アカウント]") {
                assert_eq!(
                    step.on,
                    Some(Place::LineApp),
                    "{node:?} ({}): [ホーム] > [設定] > [アカウント] is done in the LINE app",
                    flow.lang
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 1-A The admin page
// ---------------------------------------------------------------------------------------------

#[test]
fn admin_url_points_at_manager_line_biz() {
    let flow = ja();
    let r = result(&flow, "admin-url");
    let link = r
        .steps
        .iter()
        .find_map(|s| s.link.as_ref())
        .expect("fact missing: admin-url links the admin page");
    assert_eq!(
        link.href, "https://manager.line.biz/",
        "fact missing: manager.line.biz is the entry"
    );
    let t = result_text(r);
    has(
        &t,
        "LINEヤフー for Business",
        "the corporate site is now LINEヤフー for Business",
    );
    has(
        &t,
        "[LINEアカウントでログイン]",
        "the two login buttons on the admin-url result",
    );
    has(
        &t,
        "[ビジネスアカウントでログイン]",
        "the two login buttons on the admin-url result",
    );
}

// ---------------------------------------------------------------------------------------------
// 1-B LINE account vs. business account; rename; Yahoo! JAPAN ID
// ---------------------------------------------------------------------------------------------

#[test]
fn which_account_explains_both_methods_and_says_try_both() {
    let flow = ja();
    let t = result_text(result(&flow, "which-account"));
    has(
        &t,
        "[LINEアカウントでログイン]",
        "login button [LINEアカウントでログイン]",
    );
    has(
        &t,
        "[ビジネスアカウントでログイン]",
        "login button [ビジネスアカウントでログイン]",
    );
    has(&t, "個人のLINE", "a LINE account is the personal LINE");
    has(
        &t,
        "メールアドレスとパスワードで作った",
        "a business account is made with an email address",
    );
    has(
        &t,
        "最初はLINEアカウントでログイン",
        "most business-login failures first used a LINE account",
    );
    has(
        &t,
        "Yahoo! JAPAN ID",
        "Yahoo! JAPAN ID is a third login method, only if set up that way",
    );
}

#[test]
fn the_rename_to_business_id_is_explained() {
    let flow = ja();
    let all = all_text(&flow);
    has(&all, "ビジネスID", "the current name ビジネスID");
    let t = result_text(result(&flow, "which-account"));
    has(&t, "2025年6月30日", "the rename date 2025-06-30");
    has(
        &t,
        "「LINEビジネスID」から名前が変わった",
        "LINEビジネスID was renamed ビジネスID",
    );
}

#[test]
fn the_old_name_appears_only_to_explain_the_rename_or_quote_a_mail_subject() {
    for flow in [ja(), en()] {
        for text in all_texts(&flow) {
            for old in ["LINE Business ID", "LINEビジネスID"] {
                if text.contains(old) {
                    let explains = [
                        "2025年6月30日",
                        "名前が変わ",
                        "件名",
                        "2025-06-30",
                        "rename",
                        "subject",
                    ]
                    .iter()
                    .any(|ctx| text.contains(ctx));
                    assert!(
                        explains,
                        "wrong fact: {old:?} is not the current name (ビジネスID since 2025-06-30); \
                         use it only to explain the rename or quote a mail subject ({}): {text:?}",
                        flow.lang
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 1-C Email (LINE app)
// ---------------------------------------------------------------------------------------------

#[test]
fn registering_an_email_in_the_line_app() {
    let flow = ja();
    let r = result(&flow, "email-not-registered");
    let t = result_text(r);
    has(
        &t,
        "[ホーム] > [設定] > [アカウント]",
        "the LINE app path [ホーム] > [設定] > [アカウント]",
    );
    has(&t, "[メールアドレス]", "then [メールアドレス]");
    has(&t, "[次へ]", "enter the address, then [次へ]");
    has(&t, "認証番号", "enter the 認証番号 from the mail");
    has(&t, "URLをタップ", "or tap the URL in the mail");
    has(
        &t,
        "[認証番号再送信]",
        "[認証番号再送信] when the mail does not arrive",
    );
    has(&t, "line.me", "allow the domain line.me");
    has(&t, "迷惑メール", "check the spam folder");
    step_on(
        &r.steps,
        "email-not-registered",
        "[次へ]",
        Place::LineApp,
        "the email is registered in the LINE app",
    );
    has(&t, "QRコード", "QR login works without an email address");
}

#[test]
fn finding_a_forgotten_email_in_the_line_app() {
    let flow = ja();
    let r = result(&flow, "email-forgotten");
    let t = result_text(r);
    has(
        &t,
        "[ホーム] > [設定] > [アカウント]",
        "the LINE app path to the email address",
    );
    has(
        &t,
        "[メールアドレス変更]",
        "the address is shown near [メールアドレス変更]",
    );
    has(
        &t,
        "いまそのLINEアカウントが動いているスマホ",
        "it needs the phone that currently runs that LINE account",
    );
    step_on(
        &r.steps,
        "email-forgotten",
        "[メールアドレス変更]",
        Place::LineApp,
        "the address is checked in the LINE app",
    );
}

// ---------------------------------------------------------------------------------------------
// 1-D Passwords
// ---------------------------------------------------------------------------------------------

#[test]
fn changing_the_line_password_ends_with_the_change_button() {
    let flow = ja();
    let r = result(&flow, "password-line");
    let t = result_text(r);
    has(
        &t,
        "[ホーム] > [設定] > [アカウント]",
        "the LINE app path to the password",
    );
    has(&t, "[パスワード]", "then [パスワード]");
    has(&t, "[変更]", "the final button is [変更]");
    has_not(
        &t,
        "[確認]",
        "the final button is [変更], not 「確認」 (the 2014 flow)",
    );
    has_not(
        &t,
        "「確認」",
        "the final button is [変更], not 「確認」 (the 2014 flow)",
    );
    has(
        &t,
        "スマホ本体のパスコード",
        "unlock with the phone's own passcode, not the LINE password",
    );
    has(&t, "8〜20文字", "password rules: 8 to 20 characters");
    has(
        &t,
        "3種類以上",
        "password rules: at least 3 kinds of characters",
    );
    has(
        &t,
        "24時間",
        "no password change within 24 hours after a transfer",
    );
    has(
        &t,
        "表示する方法はありません",
        "the password can never be displayed",
    );
    step_on(
        &r.steps,
        "password-line",
        "[変更]",
        Place::LineApp,
        "the password is changed in the LINE app",
    );
}

#[test]
fn resetting_the_business_password_without_an_unconfirmed_label() {
    let flow = ja();
    let r = result(&flow, "password-business");
    let t = result_text(r);
    has(
        &t,
        "[ビジネスアカウントでログイン]",
        "start from [ビジネスアカウントでログイン]",
    );
    has(
        &t,
        "パスワードの再設定用のリンク",
        "the reset link, described in plain words",
    );
    has(
        &t,
        "登録しているメールアドレスを入力",
        "enter the registered email address",
    );
    has(&t, "メールの案内に従って", "follow the mail");
    has(
        &t,
        "@linecorp.com",
        "allow @linecorp.com for Business ID mails",
    );
    // The Japanese text of the reset link is UNVERIFIED: it must never be quoted as a label.
    for flow in [ja(), en()] {
        for text in all_texts(&flow) {
            for label in labels(&text) {
                for word in ["再設定", "リセット", "お忘れ", "忘れ"] {
                    assert!(
                        !label.contains(word),
                        "wrong fact: the reset link's Japanese text is unverified; [{label}] must be plain text"
                    );
                }
            }
        }
    }
}

#[test]
fn qr_login_is_offered() {
    let flow = ja();
    let r = result(&flow, "qr-login");
    let t = result_text(r);
    has(&t, "QRコード", "QRコードログイン with the phone");
    has(
        &t,
        "[LINEアカウントでログイン]",
        "QR login starts from [LINEアカウントでログイン]",
    );
    step_on(
        &r.steps,
        "qr-login",
        "読み取ります",
        Place::LineApp,
        "the QR code is scanned with the LINE app",
    );
    has(
        &result_text(result(&flow, "password-line")),
        "QRコードログイン",
        "within 24 h after a transfer, QR login is the way in",
    );
}

// ---------------------------------------------------------------------------------------------
// 2.1 Two-step verification
// ---------------------------------------------------------------------------------------------

#[test]
fn two_step_verification_for_line_accounts_uses_the_line_app() {
    let flow = ja();
    let r = result(&flow, "two-step-line");
    let t = result_text(r);
    has(&t, "2段階認証", "the term 2段階認証");
    has(
        &t,
        "ブラウザに出た数字",
        "the number is shown in the browser",
    );
    has(
        &t,
        "スマホのLINEアプリに入力",
        "the number is entered in the phone's LINE app",
    );
    has(
        &t,
        "1年",
        "after one success the browser skips it for a year",
    );
    step_on(
        &r.steps,
        "two-step-line",
        "ブラウザの数字を入力",
        Place::LineApp,
        "the number is entered in the LINE app",
    );
}

#[test]
fn two_step_verification_for_business_accounts_uses_email() {
    let flow = ja();
    let t = result_text(result(&flow, "two-step-business"));
    has(
        &t,
        "2024年9月3日",
        "business-account 2-step verification since 2024-09-03",
    );
    has(&t, "確認コード", "a code is sent");
    has(
        &t,
        "登録メールアドレス",
        "the code goes to the registered email address",
    );
    has(&t, "前の担当者", "an old staff mailbox locks you out");
    has(&t, "ほかの管理者", "fall back to another administrator");
}

// ---------------------------------------------------------------------------------------------
// 2.2 Wrong LINE account; 2.5 permissions; 2.12 only operators
// ---------------------------------------------------------------------------------------------

#[test]
fn the_wrong_line_account_on_the_phone() {
    let flow = ja();
    let r = result(&flow, "wrong-line-account");
    let t = result_text(r);
    has(
        &t,
        "[ホーム] > [設定] > [アカウント]",
        "check the LINE account in the LINE app",
    );
    has(&t, "機種変更", "a new phone");
    has(&t, "引き継ぎをせず", "a new account instead of a transfer");
    has(&t, "2つ持っている", "a second LINE account");
    has(
        &t,
        "ほかの管理者",
        "another 管理者 must invite the new LINE account",
    );
    has(&t, "24時間以内", "the invitation link is valid 24 hours");
}

#[test]
fn lost_permissions_need_a_new_invitation() {
    let flow = ja();
    let r = result(&flow, "no-permission");
    let t = result_text(r);
    has(
        &t,
        "[設定] > [権限管理] > [メンバーを追加]",
        "[設定] > [権限管理] > [メンバーを追加]",
    );
    has(&t, "[権限の種類]", "choose the 権限の種類");
    has(&t, "[URLを発行]", "[URLを発行] creates the invitation link");
    has(&t, "24時間", "the invitation link is valid 24 hours");
    has(&t, "1人だけ", "one person per link");
    has(
        &t,
        "400 Bad Request",
        "400 Bad Request means no permission, not a wrong password",
    );
    has(
        &t,
        "運用担当者は管理者を追加できません",
        "運用担当者 cannot add a 管理者",
    );
    has(&t, "30日", "a deleted account loses its data after 30 days");
    let q = flow
        .questions
        .iter()
        .find(|q| q.id == "missing-kind")
        .expect("question missing-kind");
    let a = q
        .answers
        .iter()
        .find(|a| a.text.contains("400 Bad Request"))
        .expect("fact missing: an answer for the 400 Bad Request symptom");
    assert_eq!(
        a.next, "no-permission",
        "fact missing: 400 Bad Request leads to no-permission"
    );
}

#[test]
fn only_operators_left_is_answered_honestly() {
    let flow = ja();
    let t = result_text(result(&flow, "only-operators"));
    has(
        &t,
        "運用担当者だけでは管理者を追加できません",
        "運用担当者 cannot add a 管理者",
    );
    has(
        &t,
        "公式の手続きは、確認できていません",
        "no confirmed official recovery path",
    );
    has(
        &t,
        "対応してもらえるかは確認できていません",
        "an inquiry is not promised to help",
    );
}

// ---------------------------------------------------------------------------------------------
// 2.9 Browser; 2.10 mail; 2.6 forced reset; 2.4 already linked
// ---------------------------------------------------------------------------------------------

#[test]
fn mail_not_arriving_lists_domains_and_folders() {
    let flow = ja();
    let t = result_text(result(&flow, "mail-not-arriving"));
    has(&t, "迷惑メールフォルダ", "check the spam folder");
    has(&t, "line.me", "allow line.me for LINE app mails");
    has(
        &t,
        "@linecorp.com",
        "allow @linecorp.com for Business ID mails",
    );
    has(
        &t,
        "キャリアメール",
        "carrier mail may not be accepted for business accounts",
    );
    has(&t, "[認証番号再送信]", "[認証番号再送信] in the LINE app");
    has(&t, "しばらく待つ", "wait before re-requesting");
}

#[test]
fn browser_and_cookie_causes() {
    let flow = ja();
    let t = result_text(result(&flow, "browser-trouble"));
    for browser in ["Chrome", "Safari", "Firefox", "Edge"] {
        has(
            &t,
            browser,
            "supported browsers: latest Chrome, Safari, Firefox, Edge",
        );
    }
    has(
        &t,
        "Internet Explorer は使えません",
        "Internet Explorer is not supported",
    );
    has(&t, "Cookie", "cookies must be allowed");
    has(&t, "プライベートブラウズ", "private mode breaks login");
    has(
        &t,
        "LINEアプリの中で開いている",
        "LINE's in-app browser: open in the regular browser",
    );
    has(&t, "全角", "full-width characters in email/password");
    has(&t, "何度も間違えた", "too many wrong attempts: wait");
}

#[test]
fn the_2024_forced_password_reset() {
    let flow = ja();
    let t = result_text(result(&flow, "forced-reset"));
    has(&t, "2024年", "LY reset passwords in 2024");
    has(&t, "不正ログイン", "after the takeover attacks");
    has(&t, "パスワード再設定のメール", "look for the reset mail");
    has(
        &t,
        "[ビジネスアカウントでログイン]",
        "reset via [ビジネスアカウントでログイン]",
    );
    has(&t, "ほかのサービスで使っていない", "never reuse passwords");
}

#[test]
fn already_linked_message_leads_to_its_result() {
    let flow = ja();
    const MESSAGE: &str = "すでに登録されているLINEアカウントです";
    let answer = flow
        .questions
        .iter()
        .flat_map(|q| q.answers.iter())
        .find(|a| a.text.contains(MESSAGE))
        .expect("fact missing: an answer quoting 「すでに登録されているLINEアカウントです」");
    assert_eq!(
        answer.next, "already-linked",
        "fact missing: the message leads to already-linked"
    );
    let t = result_text(result(&flow, "already-linked"));
    has(
        &t,
        "1つのLINEアカウントは1つのビジネスIDにしか連携できず",
        "1 LINE account ↔ 1 Business ID",
    );
    has(
        &t,
        "https://account.line.biz/profile",
        "unlinking happens on the Business ID profile",
    );
    has(
        &t,
        "メールアドレスとパスワードを登録していないビジネスIDは",
        "unlinking needs email+password first",
    );
    has(
        &tip_text(tip(&flow, "both-methods")),
        MESSAGE,
        "the tip warns about the already-linked message",
    );
}

// ---------------------------------------------------------------------------------------------
// 1-G Last resort
// ---------------------------------------------------------------------------------------------

#[test]
fn frozen_or_deleted_promises_nothing() {
    let flow = ja();
    let r = result(&flow, "frozen-or-deleted");
    let t = result_text(r);
    has(
        &t,
        "復旧できない場合が多い",
        "restoring a frozen/deleted account often fails",
    );
    has(&t, "利用規約", "check the 利用規約");
    has(&t, "ガイドライン", "check the ガイドライン");
    has(
        &t,
        "対応してもらえるかは確認できていません",
        "the official inquiry channel is not promised to help",
    );
    has(&t, "友だち", "friends cannot be moved to a new account");
    assert_eq!(
        r.next.as_deref(),
        Some("new-account"),
        "fact missing: after frozen/deleted comes creating a new account"
    );
}

#[test]
fn nothing_says_a_frozen_or_deleted_account_can_be_restored() {
    let all = all_text(&ja());
    for phrase in [
        "復元できます",
        "復旧できます",
        "復活できます",
        "元に戻せます",
        "復元可能",
        "復旧可能",
        "必ず復旧",
        "必ず戻",
    ] {
        has_not(
            &all,
            phrase,
            "restoring a suspended/deleted account cannot be promised",
        );
    }
    let all = all_text(&en()).to_lowercase();
    for phrase in [
        "can be restored",
        "can be recovered",
        "will be restored",
        "will be recovered",
    ] {
        has_not(
            &all,
            phrase,
            "restoring a suspended/deleted account cannot be promised",
        );
    }
}

#[test]
fn creating_a_new_account_step_by_step() {
    let flow = ja();
    let r = result(&flow, "new-account");
    let t = result_text(r);
    for (label, fact) in [
        ("[アカウントを作成]", "Business ID [アカウントを作成]"),
        (
            "[LINEアカウントで登録]",
            "choose [LINEアカウントで登録] or [メールアドレスで登録]",
        ),
        (
            "[メールアドレスで登録]",
            "choose [LINEアカウントで登録] or [メールアドレスで登録]",
        ),
        ("[登録用のリンクを送信]", "[登録用のリンクを送信]"),
        ("[登録画面に進む]", "the mail's [登録画面に進む]"),
        ("[登録]", "name and password, then [登録]"),
    ] {
        has(&t, label, fact);
    }
    has(
        &t,
        "ビジネスIDの名前で、LINE公式アカウントの名前ではありません",
        "the Business ID name is not the OA name",
    );
    has(&t, "友だちは引き継げません", "friends are not carried over");
    has(&t, "サービスに移動", "go to the service (wording varies)");
    has_not(
        &t,
        "[サービスに移動]",
        "「サービスに移動」 is unconfirmed: plain text, not a label",
    );
    has_not(
        &t,
        "[サービスへ移動]",
        "「サービスへ移動」 is unconfirmed: plain text, not a label",
    );
    has(&t, "変わることがあります", "button texts may vary");
    assert!(
        r.next.is_none(),
        "new-account is the last resort and has no next"
    );
    let order = [
        "[アカウントを作成]",
        "[登録用のリンクを送信]",
        "[登録画面に進む]",
        "[登録] を押",
    ];
    let mut at = 0;
    for label in order {
        let pos = t[at..]
            .find(label)
            .unwrap_or_else(|| panic!("fact missing: {label} comes after the previous step"));
        at += pos + label.len();
    }
}

// ---------------------------------------------------------------------------------------------
// 1-E, 1-F Prevention
// ---------------------------------------------------------------------------------------------

#[test]
fn both_login_methods_with_both_linking_procedures() {
    let flow = ja();
    let tip = tip(&flow, "both-methods");
    let t = tip_text(tip);
    has(
        &t,
        "https://account.line.biz/profile",
        "linking happens on the Business ID profile",
    );
    has(
        &t,
        "[メールアドレス] の編集アイコン",
        "register an email with the 編集アイコン at [メールアドレス]",
    );
    has(
        &t,
        "[未連携] の横にある連携アイコン",
        "link a LINE account with the 連携アイコン next to 未連携",
    );
    has(
        &t,
        "1つのLINEアカウントは、1つのビジネスIDにしか連携できません",
        "1 LINE account ↔ 1 Business ID",
    );
    step_on(
        &tip.steps,
        "both-methods",
        "編集アイコン",
        Place::Browser,
        "linking is done in a browser",
    );
    step_on(
        &tip.steps,
        "both-methods",
        "連携アイコン",
        Place::Browser,
        "linking is done in a browser",
    );
}

#[test]
fn keep_login_info_safely() {
    let flow = ja();
    let t = tip_text(tip(&flow, "keep-login-info"));
    has(
        &t,
        "ロックをかけたメモ",
        "write it down or keep a locked memo",
    );
    has(&t, "使い回さない", "never reuse passwords");
    has(
        &t,
        "登録メールアドレス",
        "keep the registered mailbox alive",
    );
    has(
        &t,
        "2段階認証",
        "check the Business ID 2-step verification setting",
    );
}

#[test]
fn several_administrators() {
    let flow = ja();
    let t = tip_text(tip(&flow, "several-admins"));
    has(&t, "[設定] > [権限管理]", "[設定] > [権限管理]");
    has(&t, "[メンバーを追加]", "[メンバーを追加]");
    has(&t, "[権限の種類] で管理者", "権限の種類: 管理者");
    has(&t, "[URLを発行]", "[URLを発行]");
    has(&t, "24時間以内", "the link is valid 24 hours");
    has(&t, "1人だけ", "one person per link");
    has(&t, "少なくとも2人", "at least two 管理者");
    has(
        &t,
        "運用担当者は管理者を追加できません",
        "運用担当者 cannot add a 管理者",
    );
}

#[test]
fn prevention_tips_are_shown_where_they_help() {
    let flow = ja();
    for (result_id, tip_id) in [
        ("which-account", "both-methods"),
        ("email-not-registered", "both-methods"),
        ("password-line", "keep-login-info"),
        ("forced-reset", "keep-login-info"),
        ("no-permission", "several-admins"),
        ("only-operators", "several-admins"),
        ("frozen-or-deleted", "several-admins"),
        ("new-account", "both-methods"),
        ("wrong-line-account", "phone-change"),
    ] {
        assert!(
            result(&flow, result_id).tips.iter().any(|t| t == tip_id),
            "fact missing: result {result_id:?} should show the prevention tip {tip_id:?}"
        );
    }
}
