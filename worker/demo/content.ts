// The demo website's copy: a fictional finance-automation vendor, "Northwind Ledger", with articles long enough to read.

export interface Article { slug: string; title: string; category: 'blog' | 'guide'; lede: string; sections: [string, string[]][] }

const closeSections: [string, string[]][] = [
  ['Why the close still takes ten days', [
    'Most finance teams we meet do not have a close problem, they have a hand-off problem. The general ledger is closed by one person, the bank reconciliations by another, the accruals by a third, and every hand-off waits for an email, a spreadsheet or a signature. None of the individual steps is slow; the queue between them is.',
    'When we timed the close at forty mid-market companies, the median team spent 31 hours of real work spread across 9.5 calendar days. The work itself fits in four days. The remaining five and a half are waiting: for a subledger export, for a missing invoice, for a reviewer who is in a budget meeting.',
    'That is good news. Waiting is the cheapest thing in finance to remove, because removing it does not require anyone to work faster. It requires the work to be visible, ordered, and owned.',
  ]],
  ['Make the close a checklist the whole team can see', [
    'Start with the list nobody wants to write down: every task in your close, who owns it, what it depends on and how long it normally takes. A good first version has sixty to a hundred lines. Resist the temptation to group them; the value is in the detail, because the detail is where the waiting hides.',
    'Mark the dependencies honestly. The revenue accrual depends on the billing export, which depends on the CRM being locked, which depends on sales operations closing their quarter. When the chain is written down, the team can see that the first blocker is not in finance at all, and can ask for the CRM lock two days earlier.',
    'Put the checklist where everyone works. A shared spreadsheet is fine for the first month. What matters is that a task turns green when it is done, and that the next owner sees it without being told.',
  ]],
  ['Reconcile continuously, not at month end', [
    'Bank reconciliations are the classic month-end bottleneck, and the easiest to move out of month end entirely. Matching transactions daily turns a two-day job into ten minutes a morning, and it turns the surprises of the last week into questions you can ask while the counterparty still remembers the payment.',
    'Rules do most of the matching. Card settlements, payroll runs, recurring vendor payments and customer receipts with a reference number match themselves once a rule is written. What remains are the exceptions, and exceptions are exactly what a person should look at.',
    'Teams that reconcile daily report a second benefit: cash forecasts improve, because the cash position is known every morning instead of estimated once a month.',
  ]],
  ['Accruals without archaeology', [
    'Accruals are where closes go to die, because every accrual is a small research project: find the contract, read the terms, estimate the usage, document the reasoning for the auditor. Most of that research is repeated every month for the same vendors.',
    'Keep a standing accrual schedule with the method written next to each line: straight-line for the software subscriptions, usage-based for the cloud bill, milestone-based for the implementation partner. Next month the method is already there, and the work is to update a number, not to rediscover a contract.',
    'Review the schedule quarterly instead of monthly. The methods rarely change; the numbers do, and the numbers can be checked against the invoices as they arrive.',
  ]],
  ['Review in layers', [
    'A controller reviewing every journal entry at the end of the close is the last queue in the chain, and usually the longest. Split the review: preparers check their own work against the checklist, a peer reviews material entries as they are posted, and the controller reviews the exceptions and the flux analysis.',
    'Set the materiality threshold in writing. An entry under the threshold that passed the checklist does not need a second pair of eyes; an entry above it does, the same day. The controller should see a short list of real questions, not a stack of routine postings.',
  ]],
  ['What a three-day close feels like', [
    'The teams that got there describe the same thing: the last day of the month is quiet. The reconciliations are done, the accruals are updated, the checklist shows what is left and who has it. Day one is the subledger close, day two the review, day three the reporting package.',
    'The time saved is not the point. The point is that the numbers reach the people who run the business while they can still act on them, and that the finance team spends the rest of the month on the analysis it was hired to do.',
    'If you want to see how Northwind Ledger automates the checklist, the reconciliation rules and the accrual schedule, take the product tour, or book a demo with one of our finance engineers.',
  ]],
];

export const ARTICLES: Article[] = [
  {
    slug: 'three-day-close', title: 'How mid-market teams close the books in three days', category: 'blog',
    lede: 'Ten-day closes are not a staffing problem. They are a waiting problem, and waiting is the cheapest thing in finance to remove.',
    sections: closeSections,
  },
  {
    slug: 'accrual-schedule', title: 'The standing accrual schedule, explained', category: 'blog',
    lede: 'Stop rediscovering the same contracts every month: write the method down once, update the number every month.',
    sections: [closeSections[3], closeSections[4]],
  },
  {
    slug: 'close-playbook', title: 'The month-end close playbook (guide)', category: 'guide',
    lede: 'A step-by-step guide to moving from a ten-day to a three-day close with the tools you already have.',
    sections: [closeSections[1], closeSections[2], closeSections[5]],
  },
];

export const TOUR: Record<string, { title: string; category: string; body: string }> = {
  overview: { title: 'Product tour', category: 'features', body: 'Northwind Ledger turns your close into a live checklist: every task, owner and dependency in one place, with reconciliations that match themselves and accruals that remember their method.' },
  integrations: { title: 'Integrations', category: 'integration', body: 'Connects to NetSuite, Sage Intacct, Xero and QuickBooks, to 11,000 banks through open-banking feeds, and to Salesforce and HubSpot for billing exports. Every connector is read-only by default.' },
  security: { title: 'Security and compliance', category: 'security', body: 'SOC 2 Type II and ISO 27001 certified, data encrypted at rest and in transit, single sign-on with SAML, role-based access, and an audit trail of every change your auditors can export.' },
};

export const PLANS = [
  { name: 'Team', price: '$490', per: 'per month', points: ['Close checklist for up to 10 people', 'Daily bank reconciliation', 'Email support'] },
  { name: 'Business', price: '$1,290', per: 'per month', points: ['Everything in Team', 'Accrual schedules and flux analysis', 'ERP integrations', 'Named success manager'] },
  { name: 'Enterprise', price: 'Custom', per: 'annual contract', points: ['Multi-entity consolidation', 'SSO, audit exports, custom roles', 'Security review and DPA'] },
];

/** A 12-second, 8 kHz, 8-bit mono WAV of a soft chime: the "webinar recording" the media tracking can measure. */
export function webinarWav(): Uint8Array {
  const rate = 8000;
  const samples = rate * 12;
  const buf = new Uint8Array(44 + samples);
  const view = new DataView(buf.buffer);
  const text = (at: number, s: string) => [...s].forEach((ch, i) => view.setUint8(at + i, ch.charCodeAt(0)));
  text(0, 'RIFF'); view.setUint32(4, 36 + samples, true); text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, rate, true); view.setUint32(28, rate, true); view.setUint16(32, 1, true); view.setUint16(34, 8, true);
  text(36, 'data'); view.setUint32(40, samples, true);
  const notes = [523.25, 659.25, 783.99, 659.25];
  for (let i = 0; i < samples; i++) {
    const t = i / rate;
    const f = notes[Math.floor(t / 3) % notes.length];
    const envelope = Math.exp(-(t % 3) * 1.5) * 0.35;
    buf[44 + i] = 128 + Math.round(127 * envelope * Math.sin(2 * Math.PI * f * t));
  }
  return buf;
}
