// Embeds the Concierge chat in any page with one tag:
//   <script src="https://concierge.example/widget.js" data-locale="en" async></script>
// It adds a button that opens /chat in an iframe served by the Concierge origin (so the shopper's resume token
// stays in that origin's storage, out of reach of the host page).
(() => {
  const script = document.currentScript;
  if (!script) return;
  const origin = new URL(script.src).origin;
  const locale = script.dataset.locale === 'en' ? 'en' : 'zh';
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = locale === 'en' ? 'Chat with us' : '在线客服';
  button.setAttribute('aria-expanded', 'false');
  Object.assign(button.style, {
    position: 'fixed', right: '16px', bottom: '16px', zIndex: '2147483000', padding: '12px 18px',
    borderRadius: '999px', border: 'none', background: '#0b5cad', color: '#fff', font: '16px system-ui',
  });
  const frame = document.createElement('iframe');
  frame.title = button.textContent;
  frame.src = `${origin}/chat?locale=${locale}`;
  frame.hidden = true;
  Object.assign(frame.style, {
    position: 'fixed', right: '16px', bottom: '72px', width: 'min(380px, calc(100vw - 32px))',
    height: 'min(600px, calc(100vh - 96px))', border: '1px solid #d0d4da', borderRadius: '12px',
    zIndex: '2147483000', background: '#fff',
  });
  button.addEventListener('click', () => {
    frame.hidden = !frame.hidden;
    button.setAttribute('aria-expanded', String(!frame.hidden));
  });
  document.body.append(frame, button);
})();
