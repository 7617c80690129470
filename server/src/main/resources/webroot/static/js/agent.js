// Agent desk: login (bearer token in sessionStorage, never a cookie), /ws/agent, offers, context card, replies,
// knowledge-base assist, canned responses, transfer, escalation, close, CSAT results.
import { el, clear, $, socketUrl, randomId, formatTime, api } from './dom.js';

const TOKEN_KEY = 'concierge.agent.token';
const CANNED = {
  en: ['Thank you for waiting, let me check that for you.', 'Could you share your order number, please?',
    'I have escalated this to our specialist team; you will hear from us within 24 hours.',
    'Is there anything else I can help you with?'],
  zh: ['感谢您的耐心等待，我马上为您查询。', '请提供一下您的订单号，谢谢。', '已为您升级处理，我们会在 24 小时内回复您。',
    '请问还有其他可以帮您的吗？'],
};

let token = sessionStorage.getItem(TOKEN_KEY);
let me = null;
let socket = null;
let retry = 0;
let selected = null;
const offers = new Map();        // conversationId -> { expiresAt, context }
const held = new Map();          // conversationId -> { context, messages: [] }
const closed = new Map();        // conversationId -> { summary, csat }

// ---- login / logout

$('#login').addEventListener('submit', async event => {
  event.preventDefault();
  $('#login-error').textContent = '';
  try {
    const login = await api('/api/v1/auth/login', { method: 'POST',
      body: { username: $('#username').value, password: $('#password').value } });
    token = login.token;
    sessionStorage.setItem(TOKEN_KEY, token);
    $('#password').value = '';
    start();
  } catch (error) {
    $('#login-error').textContent = error.status === 401 ? 'Wrong username or password.' : error.message;
  }
});

$('#logout').addEventListener('click', async () => {
  try { await api('/api/v1/auth/logout', { method: 'POST', token }); } catch { /* the session may be gone already */ }
  signedOut();
});

function signedOut() {
  token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  if (socket) { socket.onclose = null; socket.close(); socket = null; }
  offers.clear(); held.clear(); closed.clear(); selected = null;
  $('#app').hidden = true;
  $('#login').hidden = false;
  render();
}

function start() {
  $('#login').hidden = true;
  $('#app').hidden = false;
  connect();
}

// ---- socket

function connect() {
  $('#connection').textContent = 'connecting…';
  socket = new WebSocket(socketUrl('/ws/agent'));
  socket.onopen = () => { retry = 0; socket.send(JSON.stringify({ type: 'auth', token })); };
  socket.onmessage = event => {
    let frame;
    try { frame = JSON.parse(event.data); } catch { return; }
    onFrame(frame);
  };
  socket.onclose = event => {
    $('#connection').textContent = 'offline';
    if (event.code === 1008) { signedOut(); return; }
    setTimeout(() => { if (token) connect(); }, Math.min(15000, 500 * 2 ** retry++));
  };
}

function send(frame) {
  if (socket && socket.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify(frame));
    return true;
  }
  return false;
}

// Replies sent and not yet acknowledged, by their id: resent with the same id after a reconnect (the server stores
// a repeated id once). A reply sent as the node died was shown as sent and never reached the customer.
const unackedReplies = new Map();
// Offers this tab accepted: their conversation is put on screen when assigned (a reply typed next went to the
// conversation that was on screen before)
const acceptedHere = new Set();

function onFrame(frame) {
  const id = frame.conversationId;
  switch (frame.type) {
    case 'welcome':
      me = frame;
      for (const reply of unackedReplies.values()) send(reply);
      $('#me').textContent = `${frame.name} (${frame.team || frame.role})`;
      $('#connection').textContent = 'online';
      document.body.dataset.agentId = frame.agentId;
      break;
    case 'offer':
      offers.set(id, { expiresAt: frame.expiresAt, context: frame.context || {} });
      break;
    case 'offer_withdrawn':
      offers.delete(id);
      break;
    case 'assigned':
      offers.delete(id);
      held.set(id, { context: frame.context || {}, messages: [...(frame.context?.transcript || [])] });
      // still on the way after a reconnect: shown, pending, unless the transcript has it (stored, its ack lost)
      for (const [clientId, reply] of unackedReplies) {
        const replyId = `${me.agentId}:${clientId}`;
        if (reply.conversationId === id && !held.get(id).messages.some(m => m.id === replyId)) {
          held.get(id).messages.push({ id: replyId, from: 'agent', text: reply.text, pending: true });
        }
      }
      if (!selected || acceptedHere.delete(id)) selected = id;
      break;
    case 'message':
      // the agent's own replies come back to every tab; the one that sent a reply has it already
      if (held.has(id) && !held.get(id).messages.some(m => m.id && m.id === frame.id)) {
        held.get(id).messages.push(frame);
        // a customer's message in a conversation not on screen: counted until the agent opens it
        if (id !== selected && frame.from === 'customer') held.get(id).unread = (held.get(id).unread || 0) + 1;
        $('#customer-typing').textContent = '';
        if (id === selected && frame.from === 'customer') suggest(frame.text);
      }
      break;
    case 'ack': {
      const reply = unackedReplies.get(frame.id);
      unackedReplies.delete(frame.id);
      const shown = reply && held.get(reply.conversationId)?.messages.find(m => m.id === `${me.agentId}:${frame.id}`);
      if (shown) delete shown.pending;
      break;
    }
    case 'sla_breach':
      // a service-level promise on a conversation this agent holds was broken: marked until it leaves the desk
      if (held.has(id)) held.get(id).breach = frame.kind;
      break;
    case 'typing':
      if (id === selected) {
        $('#customer-typing').textContent = 'The customer is typing…';
        setTimeout(() => { $('#customer-typing').textContent = ''; }, 4000);
      }
      return;
    case 'transferred':
    case 'escalated':
    case 'closed': {
      const entry = held.get(id);
      // a reply still unacknowledged for a conversation that left the desk would be refused on every reconnect
      for (const [clientId, reply] of unackedReplies) if (reply.conversationId === id) unackedReplies.delete(clientId);
      if (frame.reason === 'customer_erased') {
        // the customer's data was erased: nothing of it stays on screen, not even in the closed list
        closed.delete(id);
        $('#connection').textContent = 'A conversation was removed: the customer\'s data was erased.';
      } else if (frame.type === 'closed' && entry) {
        closed.set(id, { summary: entry.context.summary || id, csat: null });
      }
      held.delete(id);
      if (selected === id) selected = held.keys().next().value || null;
      break;
    }
    case 'csat':
      if (closed.has(id)) closed.get(id).csat = frame.score;
      break;
    case 'presence':
      $('#presence').value = frame.status;
      break;
    case 'error':
      $('#connection').textContent = `error: ${frame.message || frame.code}`;
      if (frame.code === 'unauthenticated') signedOut();
      return;
    default:
      return; // unknown frames are ignored
  }
  render();
}

// ---- rendering (all text through textContent)

function render() {
  renderOffers();
  renderConversations();
  renderClosed();
  renderWork();
}

function renderOffers() {
  const box = clear($('#offers'));
  if (!offers.size) box.append(el('p', { class: 'muted', text: 'No offers.' }));
  for (const [id, offer] of offers) {
    const c = offer.context;
    const countdown = el('span', { class: 'countdown', 'data-expires': offer.expiresAt || '' });
    const accept = el('button', { type: 'button', class: 'accept', text: 'Accept' });
    const decline = el('button', { type: 'button', class: 'secondary decline', text: 'Decline' });
    accept.addEventListener('click', () => {
      if (send({ type: 'accept', conversationId: id })) acceptedHere.add(id);
    });
    decline.addEventListener('click', () => { send({ type: 'decline', conversationId: id }); offers.delete(id); render(); });
    box.append(el('article', { class: 'card offer', 'data-conversation': id, 'aria-label': `Offer ${id}` },
      el('strong', { text: c.summary || id }), ' ', countdown,
      contextFacts(c),
      el('div', { class: 'actions' }, accept, decline)));
  }
  tick();
}

function renderConversations() {
  const box = clear($('#conversations'));
  if (!held.size) box.append(el('p', { class: 'muted', text: 'None yet.' }));
  for (const [id, entry] of held) {
    const button = el('button', { type: 'button', class: 'secondary', 'aria-pressed': String(id === selected),
      'data-conversation': id,
      // anonymous customers' cards all read "Handoff: human_request…": their latest words tell them apart
      text: entry.context.customer?.name || shorten(lastCustomerText(entry), 50) || shorten(entry.context.summary, 60)
        || id });
    button.addEventListener('click', () => { selected = id; entry.unread = 0; render(); });
    const unread = entry.unread && id !== selected
      ? el('span', { class: 'unread', 'aria-label': `${entry.unread} new`, text: String(entry.unread) }) : null;
    const breach = entry.breach ? el('span', { class: 'sla-breach', 'data-kind': entry.breach,
      text: SLA_LABELS[entry.breach] || 'Overdue' }) : null;
    box.append(el('div', { class: `card${id === selected ? ' selected' : ''}${unread ? ' has-unread' : ''}` },
      button, unread, breach,
      el('div', { class: 'muted', text: `${entry.context.channel || ''} · ${entry.context.handoff?.reason || ''}` })));
  }
}

/** What each service-level breach means to the agent holding the conversation. */
const SLA_LABELS = {
  chat_first_response: 'First reply overdue', initial_reply: 'Reply overdue',
  complaint_resolution: 'Complaint overdue',
};

function renderClosed() {
  const box = clear($('#closed'));
  for (const [id, entry] of closed) {
    box.append(el('div', { class: 'card closed', 'data-conversation': id },
      el('div', { text: entry.summary }),
      entry.csat ? el('span', { class: 'csat', text: `CSAT ${entry.csat}/5` })
        : el('span', { class: 'muted', text: 'CSAT pending' })));
  }
}

function lastCustomerText(entry) {
  const last = entry.messages.filter(m => (m.from || 'customer') === 'customer' && m.text).at(-1);
  return last ? last.text : '';
}

function shorten(text, max) {
  return text && text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const ENTITY_LABELS = { order_number: 'Order', phone: 'Phone', email: 'Email', amount: 'Amount', date: 'Date' };

/** "Order: DD20261104004 · Phone: 138****0000" from {kind: [values]}; older cards carry a plain string. */
function entitiesText(entities) {
  if (!entities || typeof entities === 'string') return entities;
  return Object.entries(entities)
    .map(([kind, values]) => `${ENTITY_LABELS[kind] || kind.replace(/_/g, ' ')}: ${[].concat(values).join(', ')}`)
    .join(' · ');
}

function contextFacts(c) {
  const h = c.handoff || {};
  const facts = [
    ['Reason', h.reason], ['Intent', h.intent], ['Priority', h.priority], ['Skills', (h.skills || []).join(', ')],
    ['Sentiment', h.sentiment], ['Entities', entitiesText(h.entities)],
    ['Transferred from', h.transferredFrom], ['Transfer note', h.transferNote], ['Escalation', h.escalationNote],
    ['Channel', c.channel], ['Language', c.language], ['Customer', c.customer?.name || c.customer?.id],
    ['VIP tier', c.customer?.vipTier],
  ].filter(([, v]) => v !== undefined && v !== null && v !== '');
  return el('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
}

function renderWork() {
  const entry = selected && held.get(selected);
  $('#work').hidden = !entry;
  $('#empty').hidden = !!entry;
  const context = clear($('#context'));
  if (!entry) return;
  const c = entry.context;
  context.append(el('div', { class: 'card context-card' },
    el('h3', { text: 'Summary' }), el('p', { class: 'summary', text: c.summary || '' }), contextFacts(c)));
  const list = clear($('#transcript'));
  for (const m of entry.messages) {
    const from = m.from || 'customer';
    const item = el('li', { class: `msg from-${from}${m.pending ? ' pending' : ''}` },
      el('span', { class: 'who', text: `${from} ${formatTime(m.at)}` }), el('span', { class: 'text', text: m.text || '' }));
    for (const a of m.attachments || []) item.append(photoButton(typeof a === 'string' ? a : (a.ref || a.reference)));
    list.append(item);
  }
  list.scrollTop = list.scrollHeight;
  const canned = $('#canned');
  if (canned.dataset.lang !== (c.language || 'en')) {
    canned.dataset.lang = c.language || 'en';
    canned.replaceChildren(el('option', { value: '', text: 'Canned responses…' }),
      ...(CANNED[c.language] || CANNED.en).map(text => el('option', { value: text, text })));
  }
}

function photoButton(ref) {
  const button = el('button', { type: 'button', class: 'secondary', text: 'Show photo' });
  button.addEventListener('click', async () => {
    const response = await fetch(`/api/v1/attachments/${encodeURIComponent(ref)}`,
      { headers: { Authorization: `Bearer ${token}` }, credentials: 'omit' });
    if (!response.ok) { button.textContent = `Photo unavailable (${response.status})`; return; }
    const url = URL.createObjectURL(await response.blob());
    button.replaceWith(el('img', { class: 'photo', src: url, alt: 'Photo sent by the customer' }));
  });
  return button;
}

function tick() {
  for (const node of document.querySelectorAll('.countdown[data-expires]')) {
    const left = Math.max(0, Math.round((Date.parse(node.dataset.expires) - Date.now()) / 1000));
    node.textContent = Number.isNaN(left) ? '' : `${left}s`;
  }
}
setInterval(tick, 1000);

// ---- actions

$('#reply-form').addEventListener('submit', event => {
  event.preventDefault();
  const text = $('#reply').value.trim();
  if (!text || !selected) return;
  if (!socket || socket.readyState !== WebSocket.OPEN) {
    // it was shown as sent, and was not: the text stays in the box until the desk is back
    $('#connection').textContent = 'offline: the reply was not sent; it is still in the box';
    return;
  }
  const clientId = randomId('a-');
  const frame = { type: 'message', conversationId: selected, text, id: clientId };
  unackedReplies.set(clientId, frame);
  send(frame);
  // the server stores the reply as agentId:clientId and echoes it to every tab of the agent under that id
  held.get(selected).messages.push({ id: `${me.agentId}:${clientId}`, from: 'agent', text,
    at: new Date().toISOString(), pending: true });
  $('#reply').value = '';
  renderWork();
});

let lastTyping = 0;
$('#reply').addEventListener('input', () => {
  if (selected && Date.now() - lastTyping > 2000) {
    lastTyping = Date.now();
    send({ type: 'typing', conversationId: selected });
  }
});

$('#canned').addEventListener('change', event => {
  if (event.target.value) insertIntoReply(event.target.value);
  event.target.value = '';
});

$('#transfer-form').addEventListener('submit', event => {
  event.preventDefault();
  if (!selected) return;
  const frame = { type: 'transfer', conversationId: selected, note: $('#transfer-note').value };
  frame[$('#transfer-kind').value] = $('#transfer-target').value.trim();
  send(frame);
});

$('#escalate').addEventListener('click', () => {
  if (selected) send({ type: 'escalate', conversationId: selected, note: $('#transfer-note').value });
});

$('#close-form').addEventListener('submit', event => {
  event.preventDefault();
  if (selected) send({ type: 'close', conversationId: selected, disposition: $('#disposition').value });
});

$('#presence').addEventListener('change', event => send({ type: 'presence', status: event.target.value }));

function insertIntoReply(text) {
  const box = $('#reply');
  box.value = box.value ? `${box.value}\n${text}` : text;
  box.focus();
}

// ---- knowledge-base assist

$('#kb-form').addEventListener('submit', event => {
  event.preventDefault();
  suggest($('#kb-query').value);
});

async function suggest(question) {
  const box = clear($('#suggestions'));
  if (!question || !question.trim()) return;
  $('#kb-query').value = question;
  const entry = selected && held.get(selected);
  const locale = entry?.context.language === 'en' ? 'en' : 'zh';
  try {
    const preview = await api(`/api/v1/kb/suggest?q=${encodeURIComponent(question)}&locale=${locale}`, { token });
    const candidates = (preview.candidates || []).slice(0, 3);
    const answers = await Promise.all(candidates.map(c => api(
      `/api/v1/assist/answers/${encodeURIComponent(c.entryId)}?locale=${locale}`, { token }).catch(() => null)));
    candidates.forEach((c, i) => {
      const text = answers[i]?.text || (i === 0 ? preview.replyText : null);
      if (text) box.append(suggestionCard(c.title || c.entryId, text, c.confidence));
    });
    if (!box.childElementCount) box.append(el('p', { class: 'muted', text: 'No suggestion.' }));
  } catch (error) {
    box.append(el('p', { class: 'error', text: error.message }));
  }
}

function suggestionCard(title, answer, confidence) {
  const insert = el('button', { type: 'button', class: 'secondary insert-suggestion', text: 'Insert' });
  insert.addEventListener('click', () => insertIntoReply(answer));
  return el('div', { class: 'card suggestion' },
    el('strong', { text: title }), confidence ? el('span', { class: 'muted', text: ` ${Math.round(confidence * 100)}%` }) : null,
    el('p', { class: 'answer', text: answer }), insert);
}

// ---- read-only look-up (the server decides: own team or supervisor; every attempt is audit-logged)

$('#lookup-form').addEventListener('submit', async event => {
  event.preventDefault();
  const box = clear($('#lookup-result'));
  const id = $('#lookup-id').value.trim();
  try {
    const card = await api(`/api/v1/conversations/${encodeURIComponent(id)}`, { token });
    box.append(el('div', { class: 'card lookup-card' }, el('strong', { text: card.summary || id }), contextFacts(card),
      el('ol', { class: 'transcript' }, (card.transcript || []).map(m => el('li', { class: `msg from-${m.from}` },
        el('span', { class: 'who', text: m.from }), el('span', { class: 'text', text: m.text || '' }))))));
  } catch (error) {
    box.append(el('p', { class: 'error lookup-error', text: error.status === 403
      ? `403 — not your team's conversation (this attempt is logged)` : `${error.status || ''} ${error.message}` }));
  }
});

// ---- CSAT results (polled; a pushed {"type":"csat"} frame is handled too)

setInterval(async () => {
  if (!token || !closed.size) return;
  try {
    const { ratings } = await api('/api/v1/csat/mine', { token });
    let changed = false;
    for (const r of ratings) {
      const entry = closed.get(r.conversationId);
      if (entry && entry.csat !== r.score) { entry.csat = r.score; changed = true; }
    }
    if (changed) renderClosed();
  } catch { /* retried on the next tick */ }
}, 3000);

if (token) start();
render();
