//! The strings only the desk module shows (the ticket form, requests, chat, callback, rating), in
//! zh-CN and en-US. The few it shares with the search-first module (`Loading`, `Send`, `You`, …)
//! stay in that module's table and are used from there as [`Shared`].

pub use browser_kit::locale::{fill, Locale};
use browser_kit::texts;
pub use widget::i18n::Text as Shared;

texts! {
    TicketTitle => "提交工单", "Submit a request";
    TicketIntro => "客服会尽快回复，您可以在“我的请求”里查看进度。", "An agent will answer soon; follow it in “My requests”.";
    Subject => "主题", "Subject";
    SubjectPlaceholder => "可不填：默认取描述的开头", "Optional: the start of the description";
    Description => "问题描述", "Description";
    Category => "问题分类", "Category";
    ChooseCategory => "请选择分类", "Choose a category";
    GuessingCategory => "正在根据描述匹配分类…", "Finding the right team from your description…";
    Name => "称呼", "Name";
    Email => "邮箱", "Email";
    Submit => "提交", "Submit";
    Sending => "正在提交…", "Sending…";
    Suggestions => "这些文章也许能直接解决：", "These articles may solve it right away:";
    QueuedOffline => "您已离线，网络恢复后将自动发送。", "You are offline: this will be sent when you are back online.";
    SendFailed => "发送失败：", "Could not send: ";
    Hotline => "客服热线：", "Hotline: ";
    NoRequests => "您还没有提交过请求。", "You have no requests yet.";
    DownloadMyData => "下载我的数据", "Download my data";
    DownloadFailed => "暂时无法下载您的数据：", "Your data cannot be downloaded right now: ";
    RequestsFailed => "暂时无法获取您的请求。", "Your requests cannot be loaded right now.";
    Reply => "回复", "Reply";
    ReplyLabel => "补充说明", "Add a reply";
    Reopen => "问题没解决，重新打开", "Not solved: reopen";
    RateTitle => "为本次服务评分", "Rate our service";
    RateComment => "还有什么想说的？（可选）", "Anything else? (optional)";
    RateSend => "提交评分", "Send rating";
    Rated => "您的评分：{n} / 5", "Your rating: {n} / 5";
    TranscriptSend => "把聊天记录发到我的邮箱", "Email me the transcript";
    TranscriptAsked => "聊天记录将发送到您的邮箱。", "The transcript is on its way to your inbox.";
    StillSolved => "问题是否仍然已解决？", "Is your problem still solved?";
    StatusNew => "已提交", "Submitted";
    StatusOpen => "处理中", "In progress";
    StatusPending => "等待您的回复", "Waiting for you";
    StatusOnHold => "处理中", "In progress";
    StatusSolved => "已解决", "Solved";
    StatusClosed => "已关闭", "Closed";
    AgentSays => "客服", "Agent";
    StatusChanged => "状态更新：", "Status: ";
    OrTicket => "或者提交工单，客服会尽快回复", "Or leave a request: an agent will answer soon";
    StartChat => "在线咨询", "Chat with a person";
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
}
