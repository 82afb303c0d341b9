// Words for the district's watch lists and alerts (issue 17): refusals, what to say, the follow-up notice, the list's
// age in the header.
export const zh = {
  reason_watch_quarantine: '居家隔离期间',
  reason_watch_household_quarantine: '本户居家隔离中',
  say_quarantine: '居家隔离期间请勿外出，如有需要请联系社区',
  watchFollowUp: '随访人员：已通知社区，请照常登记',
  watchListedColour: '区名单：红/黄码人员（无智能手机）',
  watchAge: '区名单 第 {version} 版 · {age}前核对',
  watchStale: '区名单 {age}未更新：请检查与区登记中心的连接',
  watchNone: '尚未收到区名单',
} as const;

export const en: Record<keyof typeof zh, string> = {
  reason_watch_quarantine: 'Under home quarantine',
  reason_watch_household_quarantine: 'Household under home quarantine',
  say_quarantine: 'Under home quarantine you may not go out; if you need anything, please contact the community office',
  watchFollowUp: 'Follow-up person: the community has been told; record as usual',
  watchListedColour: 'District list: red/yellow status (no smartphone)',
  watchAge: 'District list v{version} · checked {age} ago',
  watchStale: 'District list not updated for {age}: check the link to the registry',
  watchNone: 'No district list received yet',
};
