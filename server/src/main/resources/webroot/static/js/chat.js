// Shopper chat widget: /ws/chat with resume (customerId + token in localStorage), typing, quick replies, photos.
import { el, clear, $, socketUrl, randomId, formatTime } from './dom.js';

const STRINGS = {
  zh: {
    title: '在线客服', language: '语言', message: '消息', placeholder: '请输入您的问题…', photo: '图片', send: '发送',
    connecting: '正在连接…', connected: '已连接', reconnecting: '连接已断开，正在重连…',
    // position 0: an agent is being offered the conversation now; otherwise the place in line (1 = next)
    queued: (p, s) => (p <= 0 ? '正在为您接通人工客服，请稍候。'
      : `正在为您转接人工客服，您排在第 ${p} 位，预计等待${s < 60 ? '不到 1 分钟'
        : s < 3600 ? ` ${Math.ceil(s / 60)} 分钟` : `约 ${Math.round(s / 3600)} 小时`}。`),
    assigned: name => `客服 ${name} 已接入。`, typing: '客服正在输入…',
    greeting: '您好！我是智能客服，订单、物流、退换货、退款等问题都可以问我。',
    ended: '您的聊天记录已按您的要求删除。如需帮助，请发送新消息。',
    you: '我', bot: '智能助手', agent: '客服', system: '系统', uploading: '正在上传图片…',
    uploadFailed: '图片上传失败：', photoSent: '[图片]', tooLarge: '图片不能超过 5 MB', quickReplies: '快捷回复',
    // upload refusals by status, so that a Chinese chat does not show the server's English message
    uploadErrors: { 413: '图片不能超过 5 MB', 415: '只支持 JPEG、PNG、GIF 和 WebP 图片', 429: '上传太频繁，请稍后再试' },
    // the server's error frames by code (their message is English, for developers)
    errors: {
      rate_limited: s => `消息发送太频繁，请 ${s || 1} 秒后再试。`,
      text_too_long: '消息太长了，请分几条发送。',
      unavailable: '服务暂时繁忙，请稍后重新发送。',
      internal_error: '出了点问题，这条消息可能没有发送成功，请重新发送。',
      not_found: '这个会话已结束，请发送新消息开始新的会话。',
      invalid_field: '这条消息无法发送，请检查后重试。',
    },
  },
  en: {
    title: 'Customer service', language: 'Language', message: 'Message', placeholder: 'Type your question…',
    photo: 'Photo', send: 'Send', connecting: 'Connecting…', connected: 'Connected',
    reconnecting: 'Connection lost, reconnecting…',
    queued: (p, s) => (p <= 0 ? 'Connecting you to an agent now…'
      : `Connecting you to an agent: you are number ${p} in the queue, expected wait ${s < 60 ? 'under a minute'
        : s < 3600 ? `about ${Math.ceil(s / 60)} min` : `about ${Math.round(s / 3600)} h`}.`),
    assigned: name => `${name} has joined the conversation.`, typing: 'The agent is typing…',
    greeting: "Hi! I'm the shop's assistant: ask me about orders, delivery, returns, refunds and more.",
    you: 'You', bot: 'Assistant', agent: 'Agent', system: 'System',
    ended: 'Your chat history was deleted as requested. Send a new message if you need help.',
    uploading: 'Uploading the photo…', uploadFailed: 'The photo could not be uploaded: ', photoSent: '[photo]',
    tooLarge: 'Photos are limited to 5 MB', quickReplies: 'Quick replies',
    uploadErrors: { 413: 'Photos are limited to 5 MB', 415: 'Only JPEG, PNG, GIF and WebP images are accepted',
      429: 'Too many uploads; please try again shortly' },
    errors: {
      rate_limited: s => `You're sending messages too fast; please wait ${s || 1} s and try again.`,
      text_too_long: 'That message is too long; please split it into several.',
      unavailable: "We're busy right now; please send your message again in a moment.",
      internal_error: 'Something went wrong and this message may not have been sent; please send it again.',
      not_found: 'This chat has ended; send a new message to start a new one.',
      invalid_field: "This message couldn't be sent; please check it and try again.",
    },
  },
};
const STORE = { customer: 'concierge.customerId', token: 'concierge.token', locale: 'concierge.locale' };
const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

const log = $('#log');
const quick = $('#quick-replies');
const typing = $('#typing');
const status = $('#status');
const input = $('#text');
const localeSelect = $('#locale');
let locale = localStorage.getItem(STORE.locale) || new URLSearchParams(location.search).get('locale')
  || ((navigator.language || 'zh').toLowerCase().startsWith('zh') ? 'zh' : 'en');
if (locale !== 'zh' && locale !== 'en') locale = 'zh';
let socket = null;
let ready = false;
let retry = 0;
let typingTimer = null;
let lastTypingSent = 0;
const seen = new Set();
// Messages sent and not yet acknowledged, by their id, in order: resent with the same id once a session is back
// (the server stores a repeated id once). A message typed as the node died was shown, never stored, and lost.
const unacked = new Map();
const t = key => STRINGS[locale][key];

function applyLocale() {
  document.documentElement.lang = locale;
  localeSelect.value = locale;
  document.querySelectorAll('[data-i18n]').forEach(n => { n.textContent = t(n.dataset.i18n); });
  document.querySelectorAll('[data-i18n-placeholder]').forEach(n => { n.placeholder = t(n.dataset.i18nPlaceholder); });
  quick.setAttribute('aria-label', t('quickReplies'));
  if (statusKey) status.textContent = t(statusKey); // it stayed in the language the page opened in
}

let statusKey = null;

/** The status line, by its string's key, so that it follows a change of language. */
function setStatus(key) {
  statusKey = key;
  status.textContent = t(key);
}

function addMessage({ id, from, text, at, attachments, localPhoto, clientId }) {
  if (id) {
    if (seen.has(id)) return;
    seen.add(id);
  }
  const who = from === 'customer' ? t('you') : t(from) || from;
  // a message of ours not yet acknowledged is shown as pending until its ack comes
  const pending = clientId && unacked.has(clientId);
  const item = el('li', { class: `msg from-${from}${pending ? ' pending' : ''}`, 'data-from': from,
    'data-client-id': clientId || null },
    from === 'system' ? null : el('span', { class: 'who', text: `${who} ${formatTime(at)}` }),
    el('span', { class: 'text', text: text || '' }));
  if (localPhoto) item.append(el('img', { class: 'photo', src: localPhoto, alt: t('photo') }));
  else if (attachments && attachments.length) item.append(el('span', { class: 'muted', text: ` ${t('photoSent')}` }));
  log.append(item);
  log.scrollTop = log.scrollHeight;
}

function showQuickReplies(options) {
  clear(quick);
  for (const option of options || []) {
    const button = el('button', { type: 'button', class: 'secondary', text: option });
    button.addEventListener('click', () => {
      send({ type: 'quick_reply', value: option });
      addMessage({ from: 'customer', text: option, at: new Date().toISOString() });
      clear(quick);
    });
    quick.append(button);
  }
}

/** Sends a message frame (it has an id) and keeps it until acknowledged; shown on screen by the caller. */
function sendMessage(frame) {
  unacked.set(frame.id, frame);
  if (ready) send(frame); // else when the session is back
}

function acknowledged(clientId) {
  unacked.delete(clientId);
  log.querySelectorAll('li.pending').forEach(li => {
    if (li.dataset.clientId === clientId) li.classList.remove('pending');
  });
}

function send(frame) {
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify(frame));
    return true;
  }
  return false;
}

function connect() {
  setStatus('connecting');
  socket = new WebSocket(socketUrl('/ws/chat'));
  socket.addEventListener('open', () => {
    retry = 0;
    const hello = { type: 'hello', locale };
    const customerId = localStorage.getItem(STORE.customer);
    const token = localStorage.getItem(STORE.token);
    if (customerId && token) Object.assign(hello, { customerId, token });
    socket.send(JSON.stringify(hello));
  });
  socket.addEventListener('message', event => {
    let frame;
    try { frame = JSON.parse(event.data); } catch { return; }
    onFrame(frame);
  });
  socket.addEventListener('close', () => {
    ready = false;
    setStatus('reconnecting');
    const delay = Math.min(15000, 500 * 2 ** retry++);
    setTimeout(connect, delay);
  });
}

function onFrame(frame) {
  switch (frame.type) {
    case 'session':
      ready = true;
      localStorage.setItem(STORE.customer, frame.customerId);
      if (frame.token) localStorage.setItem(STORE.token, frame.token);
      document.body.dataset.customerId = frame.customerId;
      setStatus('connected');
      // what was sent without an ack (the node died, the connection dropped) goes again, same ids, in order
      for (const pendingFrame of unacked.values()) send(pendingFrame);
      // an empty chat (a first visit, or the last conversation closed) opens with a greeting; a `history` frame
      // replaces it
      if (!log.children.length) {
        log.append(el('li', { class: 'msg greeting' }, el('span', { class: 'who', text: t('bot') }),
          el('span', { class: 'text', text: t('greeting') })));
      }
      break;
    case 'history':
      // The server's transcript replaces what is on screen (local echoes of our own messages have no server id).
      clear(log);
      seen.clear();
      for (const m of frame.messages || []) {
        addMessage(m);
        // stored before the connection dropped, its ack lost: no longer pending (the server acks a resend as a
        // duplicate)
        for (const clientId of unacked.keys()) if (m.id && m.id.endsWith(`:${clientId}`)) acknowledged(clientId);
      }
      // ours still on the way stay on screen, pending, below the stored transcript
      for (const pendingFrame of unacked.values()) {
        addMessage({ from: 'customer', text: pendingFrame.text || t('photoSent'), at: new Date().toISOString(),
          clientId: pendingFrame.id });
      }
      showQuickReplies((frame.messages || []).at(-1)?.quickReplies);
      break;
    case 'ack':
      acknowledged(frame.id);
      break;
    case 'message':
      typing.textContent = '';
      addMessage(frame);
      showQuickReplies(frame.quickReplies);
      break;
    case 'handoff':
      if (frame.status === 'queued') addMessage({ from: 'system', text: t('queued')(frame.position, frame.expectedWaitSeconds || 0) });
      // 'assigned' needs no notice of its own: the server's system message already introduces the agent.
      break;
    case 'typing':
      typing.textContent = t('typing');
      clearTimeout(typingTimer);
      typingTimer = setTimeout(() => { typing.textContent = ''; }, 4000);
      break;
    case 'closed':
      // the server's own closing notice is a message of its own in the conversation (also in `history` after a
      // reconnect): a second line of the widget's said the same thing again
      typing.textContent = '';
      break;
    case 'session_ended':
      // the shopper's data was erased: nothing of it stays on screen or in storage; a new chat starts afresh
      localStorage.removeItem(STORE.customer);
      localStorage.removeItem(STORE.token);
      unacked.clear(); // nothing of the erased conversation is sent again in the next one
      clear(log);
      clear(quick);
      seen.clear();
      addMessage({ from: 'system', text: t('ended') });
      break;
    case 'error':
      // a refused message (too fast, too long…) is not sent again by itself: the shopper is told and decides
      if (frame.id && unacked.has(frame.id)) {
        unacked.delete(frame.id);
        log.querySelectorAll('li.pending').forEach(li => {
          if (li.dataset.clientId === frame.id) li.classList.replace('pending', 'failed');
        });
      }
      if (frame.code === 'unauthorized') {
        // The stored identity is no longer valid: start over as a new anonymous shopper.
        localStorage.removeItem(STORE.customer);
        localStorage.removeItem(STORE.token);
      } else {
        const known = STRINGS[locale].errors[frame.code];
        const text = typeof known === 'function' ? known(frame.retryAfterSeconds) : known;
        addMessage({ from: 'system', text: text || frame.message || frame.code });
      }
      break;
    default:
      break; // unknown frames are ignored (the protocol only grows)
  }
}

$('#composer').addEventListener('submit', event => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  const id = randomId('c-');
  // also while reconnecting: shown as pending and sent once the session is back
  sendMessage({ type: 'message', text, id });
  addMessage({ from: 'customer', text, at: new Date().toISOString(), clientId: id });
  input.value = '';
  clear(quick);
});

input.addEventListener('input', () => {
  const now = Date.now();
  if (now - lastTypingSent > 2000 && input.value) {
    lastTypingSent = now;
    send({ type: 'typing' });
  }
});

$('#photo').addEventListener('change', async event => {
  const file = event.target.files[0];
  event.target.value = '';
  if (!file) return;
  if (file.size > MAX_PHOTO_BYTES) {
    addMessage({ from: 'system', text: t('tooLarge') });
    return;
  }
  setStatus('uploading');
  try {
    const response = await fetch(`/api/v1/attachments?name=${encodeURIComponent(file.name)}`, {
      method: 'POST', body: file, credentials: 'omit',
      headers: {
        'Content-Type': file.type || 'application/octet-stream',
        'X-Customer-Id': localStorage.getItem(STORE.customer) || '',
        Authorization: `Bearer ${localStorage.getItem(STORE.token) || ''}`,
      },
    });
    const data = await response.json();
    if (!response.ok) throw new Error(t('uploadErrors')[response.status] || data?.error?.message || response.status);
    // the caption, if any, goes as typed: a placeholder such as "[图片]" would be read by the bot as words
    const caption = input.value.trim();
    input.value = '';
    const id = randomId('c-');
    sendMessage({ type: 'message', text: caption, id, attachments: [data.reference] });
    addMessage({ from: 'customer', text: caption || t('photoSent'), at: new Date().toISOString(),
      localPhoto: URL.createObjectURL(file), clientId: id });
    setStatus('connected');
  } catch (error) {
    addMessage({ from: 'system', text: t('uploadFailed') + error.message });
    setStatus('connected');
  }
});

localeSelect.addEventListener('change', () => {
  locale = localeSelect.value;
  localStorage.setItem(STORE.locale, locale);
  applyLocale();
  // The next hello carries the new locale; the bot also detects the language of each message.
});

applyLocale();
connect();
