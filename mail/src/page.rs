//! The small pages a mail's links open at the edge: unsubscribe, and the answer to "still
//! solved?". A link only shows a page with a button; the change happens on the button's POST,
//! so a mail scanner that follows links changes nothing. Plain HTML, no script, no style.

use crate::notice::escape;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// Asks to confirm; the form posts back to `action`.
    ConfirmUnsubscribe { number: i64, action: String },
    Unsubscribed { number: i64 },
    /// Asks to confirm the answer; `still_solved: false` also offers a comment box.
    ConfirmAnswer { number: i64, still_solved: bool, action: String },
    Thanks { number: i64 },
    Reopened { number: i64 },
    /// The link is forged, expired or revoked; or the ticket is gone.
    LinkBroken,
}

impl Page {
    /// The page in the ticket's language (`zh…` Chinese, else English).
    pub fn render(&self, locale: &str) -> String {
        let zh = locale.to_ascii_lowercase().starts_with("zh");
        let t = |zh_text: &str, en_text: &str| if zh { zh_text.to_string() } else { en_text.to_string() };
        let n = |number: &i64| format!("#{number}");
        let (title, body) = match self {
            Page::ConfirmUnsubscribe { number, action } => (
                t("取消邮件通知", "Stop emails"),
                format!(
                    "<p>{}</p>{}",
                    escape(&t(&format!("不再接收工单 {} 的邮件？", n(number)), &format!("Stop emails about request {}?", n(number)))),
                    form(action, &t("不再接收", "Stop emails"), "")
                ),
            ),
            Page::Unsubscribed { number } => (
                t("已取消", "Done"),
                format!("<p>{}</p>", escape(&t(&format!("您将不再收到工单 {} 的邮件。", n(number)), &format!("You will get no more emails about request {}.", n(number))))),
            ),
            Page::ConfirmAnswer { number, still_solved: true, action } => (
                t("问题已解决", "Solved"),
                format!(
                    "<p>{}</p>{}",
                    escape(&t(&format!("确认工单 {} 的问题已经解决？", n(number)), &format!("Confirm that request {} is solved?", n(number)))),
                    form(action, &t("是，已解决", "Yes, it's solved"), "")
                ),
            ),
            Page::ConfirmAnswer { number, still_solved: false, action } => (
                t("问题没有解决", "Not solved"),
                format!(
                    "<p>{}</p>{}",
                    escape(&t(&format!("工单 {} 的问题还没有解决？我们会重新处理。", n(number)), &format!("Request {} is not solved? We will take it up again.", n(number)))),
                    form(
                        action,
                        &t("重新打开工单", "Reopen the request"),
                        &format!("<p><label for=\"comment\">{}</label><br><textarea id=\"comment\" name=\"comment\" rows=\"4\" cols=\"40\" maxlength=\"10000\"></textarea></p>", escape(&t("还有什么问题？（可选）", "What is still wrong? (optional)")))
                    )
                ),
            ),
            Page::Thanks { number } => (t("谢谢", "Thank you"), format!("<p>{}</p>", escape(&t(&format!("谢谢！工单 {} 保持已解决。", n(number)), &format!("Thank you! Request {} stays solved.", n(number)))))),
            Page::Reopened { number } => (
                t("已重新打开", "Reopened"),
                format!("<p>{}</p>", escape(&t(&format!("工单 {} 已重新打开，客服会尽快回复。", n(number)), &format!("Request {} is open again; support will answer soon.", n(number))))),
            ),
            Page::LinkBroken => (
                t("链接无效", "Link not valid"),
                format!("<p>{}</p>", escape(&t("这个链接已失效或不完整。请打开最新的邮件，或在帮助中心查看您的工单。", "This link has expired or is incomplete. Open the latest email, or find your request in the help center."))),
            ),
        };
        let lang = if zh { "zh-CN" } else { "en-US" };
        format!("<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title></head><body><h1>{}</h1>{body}</body></html>", escape(&title), escape(&title))
    }
}

fn form(action: &str, button: &str, fields: &str) -> String {
    format!("<form method=\"post\" action=\"{}\">{fields}<button type=\"submit\">{}</button></form>", escape(action), escape(button))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_confirmation_posts_back_to_its_link() {
        let html = Page::ConfirmUnsubscribe { number: 7, action: "/api/v1/mail/unsubscribe?link=u.t.0.1.ab&x=\"".into() }.render("zh-cn");
        assert!(html.contains("<html lang=\"zh-CN\">") && html.contains("不再接收工单 #7 的邮件？"), "{html}");
        assert!(html.contains("<form method=\"post\" action=\"/api/v1/mail/unsubscribe?link=u.t.0.1.ab&amp;x=&quot;\">"), "{html}");
    }

    #[test]
    fn not_solved_offers_a_comment_and_english_follows_the_locale() {
        let html = Page::ConfirmAnswer { number: 3, still_solved: false, action: "/a".into() }.render("en-us");
        assert!(html.contains("Request #3 is not solved?") && html.contains("<textarea id=\"comment\" name=\"comment\""), "{html}");
        assert!(Page::LinkBroken.render("en-US").contains("This link has expired"));
    }
}
