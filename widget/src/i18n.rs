//! Every string the widget shows, in zh-CN and en-US (the locales and the `texts!` table come from
//! browser-kit). Components ask for a [`Text`], never write text themselves; a `{n}` in a string
//! is filled by [`fill`].

pub use browser_kit::locale::{fill, Locale};
use browser_kit::texts;

texts! {
    PanelTitle => "帮助中心", "Help center";
    Close => "关闭", "Close";
    Back => "返回", "Back";
    TabSearch => "搜索", "Search";
    TabAsk => "提问", "Ask";
    TabRequests => "我的请求", "My requests";
    SearchLabel => "搜索帮助文章", "Search help articles";
    SearchPlaceholder => "输入问题，例如：自动续费怎么取消", "Type a question, e.g. cancel auto-renewal";
    Loading => "正在加载帮助内容…", "Loading help articles…";
    LoadFailed => "帮助内容加载失败，请检查网络后重试。", "Could not load help articles. Check your connection and try again.";
    Retry => "重试", "Try again";
    ResultsCount => "找到 {n} 篇相关文章", "{n} articles found";
    NoResults => "没有找到相关文章", "No articles found";
    NotFoundArticle => "找不到这篇文章", "This article was not found";
    Popular => "热门问题", "Popular questions";
    Categories => "问题分类", "Categories";
    Helpful => "这篇文章有帮助吗？", "Was this article helpful?";
    Yes => "是", "Yes";
    No => "否", "No";
    ThanksVote => "感谢您的反馈！", "Thanks for your feedback!";
    WhatWasMissing => "文章缺了什么？（请勿填写个人信息）", "What was missing? (no personal details, please)";
    Related => "相关文章", "Related articles";
    StillNeedHelp => "没解决？联系人工客服", "Not solved? Contact a person";
    ContactHuman => "联系人工客服", "Contact a person";
    AskLabel => "描述您遇到的问题", "Describe your problem";
    AskPlaceholder => "用一句话说说发生了什么", "Tell us what happened in a sentence or two";
    Send => "发送", "Send";
    BotGreeting => "您好！请描述遇到的问题，我先帮您找答案；随时可以转人工。", "Hello! Describe your problem and I will look for an answer; you can ask for a person at any time.";
    BotAnswer => "这篇文章应该能解决您的问题：", "This article should answer your question:";
    BotCandidates => "这几篇文章可能有帮助：", "These articles may help:";
    BotUnsure => "抱歉，我没有找到可靠的答案。人工客服可以帮您。", "Sorry, I could not find a reliable answer. A person can help you.";
    BotClarify => "想先确认一下，您的问题是关于：", "To find the right answer: is this about";
    BotNotHelped => "抱歉没能帮上忙。为您转人工客服，刚才的对话会一起转给客服。", "Sorry that did not help. A person can take it from here and will see this conversation.";
    BotEscalate => "听起来情况紧急，我们马上为您转人工客服。", "This sounds urgent: let's get you to a person right away.";
    You => "您", "You";
    Bot => "小助手", "Assistant";
    TicketFiled => "工单已提交，编号 #{n}", "Request submitted: #{n}";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_exists_in_both_locales() {
        assert_eq!(browser_kit::locale::untranslated(Text::ALL), Vec::<String>::new());
    }

    #[test]
    fn fill_puts_the_number_in() {
        assert_eq!(fill(Locale::EnUs.text(Text::TicketFiled), 42), "Request submitted: #42");
    }
}
