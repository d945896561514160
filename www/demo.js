// The demo page's own script (a strict CSP forbids inline ones): the command queue snippet every
// host page may paste before the loader, and buttons that call the widget's API.
window.HelpWidget = window.HelpWidget || function () { (window.HelpWidget.q = window.HelpWidget.q || []).push(arguments); };
window.HelpWidget('on', 'ticketCreated', function (ticket) { console.log('help widget: ticket filed', ticket.number); });
document.addEventListener('click', function (event) {
  var button = event.target.closest && event.target.closest('[data-help]');
  if (button) window.HelpWidget(button.dataset.help, button.dataset.arg);
});
