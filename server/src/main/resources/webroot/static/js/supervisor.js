// Supervisor dashboard: live queue, agents, SLA breaches, escalations, report figures and charts by channel.
import { el, clear, $, api } from './dom.js';

const TOKEN_KEY = 'concierge.supervisor.token';
const FIGURES = [
  ['containmentRate', 'Containment', 'pct'], ['handoffRate', 'Handoff rate', 'pct'],
  ['firstContactResolutionRate', 'First-contact resolution', 'pct'],
  ['averageFirstResponseSeconds', 'First response (s)', 'num'], ['averageCsat', 'CSAT (1–5)', 'num'],
  ['csatSatisfiedRate', 'CSAT 4–5 share', 'pct'], ['complaintRate', 'Complaint rate', 'pct'],
  ['conversations', 'Conversations', 'num'],
];
const CHANNEL_COLOURS = { all: '#1a1a1a', web_chat: '#0b5cad', sms: '#a33a00', email: '#1d6b2f', rest: '#7a3db8' };
let token = sessionStorage.getItem(TOKEN_KEY);
let timer = null;
const charts = {};

$('#login').addEventListener('submit', async event => {
  event.preventDefault();
  $('#login-error').textContent = '';
  try {
    const login = await api('/api/v1/auth/login', { method: 'POST',
      body: { username: $('#username').value, password: $('#password').value } });
    if (login.role !== 'supervisor') {
      await api('/api/v1/auth/logout', { method: 'POST', token: login.token });
      $('#login-error').textContent = 'This page is for supervisors.';
      return;
    }
    token = login.token;
    sessionStorage.setItem(TOKEN_KEY, token);
    start();
  } catch (error) {
    $('#login-error').textContent = error.status === 401 ? 'Wrong username or password.' : error.message;
  }
});

$('#logout').addEventListener('click', async () => {
  try { await api('/api/v1/auth/logout', { method: 'POST', token }); } catch { /* already gone */ }
  token = null;
  sessionStorage.removeItem(TOKEN_KEY);
  clearInterval(timer);
  $('#app').hidden = true;
  $('#login').hidden = false;
});

$('#range').addEventListener('change', () => refresh());

function start() {
  $('#login').hidden = true;
  $('#app').hidden = false;
  refresh();
  clearInterval(timer);
  timer = setInterval(refresh, 5000);
}

async function refresh() {
  const [hours, bucket] = $('#range').value.split(':');
  try {
    const from = new Date(Date.now() - hours * 3600 * 1000).toISOString();
    const [live, summary, series, audit] = await Promise.all([
      api('/api/v1/reports/live', { token }),
      api(`/api/v1/reports/summary?from=${encodeURIComponent(from)}`, { token }),
      api(`/api/v1/reports/timeseries?hours=${hours}&bucketMinutes=${bucket}`, { token }),
      api('/api/v1/audit?limit=15', { token }),
    ]);
    renderLive(live);
    renderFigures(summary);
    renderCharts(series);
    renderAudit(audit);
    $('#updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
    document.body.dataset.loaded = 'true';
  } catch (error) {
    $('#updated').textContent = `error: ${error.message}`;
    if (error.status === 401) { sessionStorage.removeItem(TOKEN_KEY); location.reload(); }
  }
}

function table(node, headers, rows) {
  clear(node).append(el('thead', {}, el('tr', {}, headers.map(h => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows.length ? rows.map(r => el('tr', {}, r.map(c => el('td', { text: c ?? '' }))))
      : el('tr', {}, el('td', { colspan: headers.length, class: 'muted', text: 'none' }))));
}

function renderLive(live) {
  table($('#queue'), ['#', 'Conversation', 'Channel', 'Reason', 'Priority', 'Waiting (s)'],
    live.queue.map(q => [q.offeredTo ? `offered to ${q.offeredTo}` : q.position, q.conversationId, q.channel, q.reason,
      q.priority, q.waitingSeconds]));
  table($('#agents'), ['Agent', 'Teams', 'Connected', 'Open'],
    live.agents.map(a => [a.name, (a.teams || []).join(', '), a.connected ? 'yes' : 'no', a.open]));
  table($('#breaches'), ['SLA breach', 'Kind', 'Due', 'Detected'],
    live.breaches.map(b => [b.conversationId, b.kind, b.dueAt, b.detectedAt]));
  table($('#escalations'), ['Escalation', 'Status', 'Agent', 'Reason'],
    live.escalations.map(e => [e.conversationId, e.status, e.agent, e.reason]));
}

function format(value, kind) {
  if (value === null || value === undefined) return '–';
  return kind === 'pct' ? `${(value * 100).toFixed(1)}%` : String(value);
}

function renderFigures(summary) {
  const channels = Object.keys(summary.channels);
  const node = clear($('#figures'));
  node.append(el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: 'Figure' }),
    channels.map(c => el('th', { scope: 'col', text: c })))));
  node.append(el('tbody', {}, FIGURES.map(([key, label, kind]) => el('tr', { 'data-figure': key },
    el('th', { scope: 'row', text: label }),
    channels.map(c => el('td', { class: 'num', 'data-channel': c, text: format(summary.channels[c][key], kind) }))))));
}

function renderCharts(series) {
  if (!window.Chart) return;
  const labels = series.buckets.map(b => new Date(b.start).toLocaleString([], { month: 'numeric', day: 'numeric', hour: '2-digit' }));
  const channels = Object.keys(series.buckets[0]?.channels || {});
  for (const [key] of FIGURES.slice(0, 7)) {
    const canvas = document.getElementById(`chart-${key}`);
    if (!canvas) continue;
    const datasets = channels.map(c => ({
      label: c, data: series.buckets.map(b => b.channels[c][key]), borderColor: CHANNEL_COLOURS[c] || '#555',
      backgroundColor: CHANNEL_COLOURS[c] || '#555', spanGaps: true, tension: 0.2,
    }));
    if (charts[key]) {
      charts[key].data.labels = labels;
      charts[key].data.datasets = datasets;
      charts[key].update('none');
    } else {
      charts[key] = new window.Chart(canvas, {
        type: 'line', data: { labels, datasets },
        options: { animation: false, maintainAspectRatio: false, responsive: true,
          plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true } } },
      });
    }
  }
}

function renderAudit(audit) {
  table($('#audit'), ['When', 'Who', 'Action', 'Conversation', 'Allowed'],
    audit.events.map(e => [new Date(e.at).toLocaleTimeString(), e.actor, e.action, e.conversationId, e.allowed ? 'yes' : 'NO']));
}

if (token) start();
