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
    BotEscalate => "听起来情况紧急，我们马上为您转人工客服。", "This sounds urgent: let's get you to a person right away.";
    You => "您", "You";
    Bot => "小助手", "Assistant";
    TicketTitle => "提交工单", "Submit a request";
    TicketIntro => "客服会尽快回复，您可以在“我的请求”里查看进度。", "An agent will answer soon; follow it in “My requests”.";
    Subject => "主题", "Subject";
    SubjectPlaceholder => "可不填：默认取描述的开头", "Optional: the start of the description";
    Description => "问题描述", "Description";
    Category => "问题分类", "Category";
    Name => "称呼", "Name";
    Email => "邮箱", "Email";
    Submit => "提交", "Submit";
    Sending => "正在提交…", "Sending…";
    Suggestions => "这些文章也许能直接解决：", "These articles may solve it right away:";
    TicketFiled => "工单已提交，编号 #{n}", "Request submitted: #{n}";
    QueuedOffline => "您已离线，网络恢复后将自动发送。", "You are offline: this will be sent when you are back online.";
    SendFailed => "发送失败：", "Could not send: ";
    Hotline => "客服热线：", "Hotline: ";
    NoRequests => "您还没有提交过请求。", "You have no requests yet.";
    RequestsFailed => "暂时无法获取您的请求。", "Your requests cannot be loaded right now.";
    Reply => "回复", "Reply";
    ReplyLabel => "补充说明", "Add a reply";
    Reopen => "问题没解决，重新打开", "Not solved: reopen";
    RateTitle => "为本次服务评分", "Rate our service";
    RateComment => "还有什么想说的？（可选）", "Anything else? (optional)";
    RateSend => "提交评分", "Send rating";
    Rated => "您的评分：{n} / 5", "Your rating: {n} / 5";
    StillSolved => "问题是否仍然已解决？", "Is your problem still solved?";
    StatusNew => "已提交", "Submitted";
    StatusOpen => "处理中", "In progress";
    StatusPending => "等待您的回复", "Waiting for you";
    StatusOnHold => "处理中", "In progress";
    StatusSolved => "已解决", "Solved";
    StatusClosed => "已关闭", "Closed";
    AgentSays => "客服", "Agent";
    StatusChanged => "状态更新：", "Status: ";
    StartChat => "在线咨询", "Chat with a person";
    OrTicket => "或者提交工单，客服会尽快回复", "Or leave a request: an agent will answer soon";
    ChatConnecting => "正在连接客服…", "Connecting…";
    QueuePosition => "正在排队：您是第 {n} 位", "In line: you are number {n}";
    QueueWait => "预计等待约 {n} 分钟", "Expected wait: about {n} min";
    NoAgentsNow => "暂时没有客服在线。您的留言已保存在工单中，客服上线后会回复您。", "No agent is online right now. Your words are saved in a request; an agent will answer there.";
    WithAgent => "{n} 正在为您服务", "{n} is helping you";
    AgentTyping => "客服正在输入…", "The agent is typing…";
    ChatEnded => "对话已结束，记录已保存在工单 #{n} 中。", "The chat has ended; it is saved in request #{n}.";
    ViewRequest => "查看工单", "View the request";
    NewChat => "新的咨询", "Start over";
    EndChat => "结束对话", "End chat";
    DeliverySending => "发送中", "Sending";
    DeliveryDelivered => "已送达", "Delivered";
    DeliveryRead => "已读", "Read";
    ChatRefused => "消息未发送：", "Not sent: ";
    NoAgentOnline => "现在没有客服在线。请留下工单，我们会尽快回复您。", "No agent is online right now. Leave a request and we will answer soon.";
    OutsideHours => "现在不在在线客服时间（{n}）。请留下工单，我们会尽快回复您。", "Live chat is closed now ({n}). Leave a request and we will answer soon.";
    WaitTooLong => "现在排队的人太多。请留下工单，我们会尽快回复您。", "The line is very long right now. Leave a request and we will answer soon.";
    SystemSays => "系统", "System";
    CallbackTitle => "预约回电", "Request a callback";
    CallbackIntro => "留下电话和方便接听的时间，客服会给您打电话。", "Leave a number and a time that suits you: an agent will call you.";
    Phone => "电话号码", "Phone number";
    CallbackTime => "希望回电的时间", "Preferred time";
    CallbackSend => "预约回电", "Call me back";
    CallbackCheck => "请检查电话号码和回电时间：", "Check the phone number and the time: ";
    CallbackBooked => "已预约回电（工单 #{n}），客服会在您选的时间打给您。", "Callback requested (request #{n}): an agent will call you at the time you chose.";
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
