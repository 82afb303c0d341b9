// The demo sheet as an A4 HTML page in the same places as the built-in PDF (cellBox), in Chinese and English, for a
// headless Chromium to print with the machine's CJK fonts. The built-in writer stays the fallback without Chromium.
// @zxing/library is CommonJS: Node gives its exports as the default import only.
import zxing from '@zxing/library';
import type { DemoCode, DemoSheet } from '../../common/contract/methods/demo.ts';
import { A4 } from './pdf.ts';
import { cellBox, MARGIN, QR_SIZE } from './layout.ts';

const COLOURS: Record<DemoCode['expect'], string> = { green: '#0d8c33', yellow: '#cc9900', red: '#cc1a1a', review: '#595959', invalid: '#595959', error: '#595959' };
const ANSWER_ZH: Record<DemoCode['expect'], string> = { green: '绿码', yellow: '黄码', red: '红码', review: '审核中', invalid: '无效码', error: '无法核验' };

/** Chinese first, English under it: what each code is. */
export const WORDS: Record<DemoCode['kind'], { zh: [string, string]; en: [string, string] }> = {
  green: { zh: ['绿码', '示例发码方签发（10小时前核酸，3针疫苗）：通行。'], en: ['Green code', 'From the sample health authority (test 10 h ago, 3 doses): passes.'] },
  yellow: { zh: ['黄码', '立即拒绝，屏幕提示应对说法。'], en: ['Yellow code', 'Refused at once; the screen says what to tell the person.'] },
  red: { zh: ['红码', '立即拒绝，屏幕提示应对说法。'], en: ['Red code', 'Refused at once; the screen says what to tell the person.'] },
  'expired-screenshot': { zh: ['旧截图', '一小时前签发的绿码：健康码只在几分钟内有效。'], en: ['Old screenshot', 'A green code signed an hour ago: codes live minutes.'] },
  relative: { zh: ['亲属码', '绿码，显示在别人的手机上：按 - 标记。'], en: ["A relative's code", "Green, on another person's phone: press - to mark it."] },
  'resident-card': { zh: ['居民卡', '绿码，在住户名册中找到本人。'], en: ['Printed resident card', 'Green, found on the roster: confirm the person.'] },
  commuter: { zh: ['通勤卡', '绿码；高峰时段走快速通道。'], en: ['Commuter card', 'Green; in a peak window the fast lane.'] },
  dcc: { zh: ['欧盟数字新冠证书（测试样本）', '本机未开启此类证书，不予接受。'], en: ['EU DCC test vector', 'DCCs are off on this kiosk: not accepted.'] },
};

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function qrSvg(text: string, size: number): string {
  const matrix = zxing.QRCodeEncoder.encode(text, zxing.QRCodeDecoderErrorCorrectionLevel.M).getMatrix();
  const n = matrix.getWidth();
  let path = '';
  for (let row = 0; row < n; row++) for (let col = 0; col < n; col++) if (matrix.get(col, row) === 1) path += `M${col + 4} ${row + 4}h1v1h-1z`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n + 8} ${n + 8}" width="${size}pt" height="${size}pt" shape-rendering="crispEdges"><rect width="100%" height="100%" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

export function sheetHtml(sheet: DemoSheet, local: { printedAt: string; validUntil: string; timeZone: string; compound: string }): string {
  const cells = sheet.codes.map((code, i) => {
    const box = cellBox(i);
    const top = A4.height - box.y - box.height;
    const words = WORDS[code.kind];
    const colour = COLOURS[code.expect];
    return `<section class="cell" style="left:${box.x}pt;top:${top}pt;width:${box.width}pt;height:${box.height}pt;border-bottom-color:${colour}">
  <div class="qr" style="left:4pt;top:4pt">${qrSvg(code.text, QR_SIZE)}</div>
  <div class="words" style="left:${QR_SIZE + 10}pt;top:6pt;width:${box.width - QR_SIZE - 14}pt">
    <b>${escape(words.zh[0])}</b> · ${escape(words.en[0])}<br>
    <b style="color:${colour}">门岗结果：${ANSWER_ZH[code.expect]}</b><br><b style="color:${colour}">Gate answer: ${code.expect.toUpperCase()}</b>
    <p>${escape(words.zh[1])}<br>${escape(words.en[1])}</p>
    ${code.person ? `<p>Household ${escape(code.person.household)} (${code.person.kind})</p>` : ''}
  </div>
</section>`;
  });
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Demo sheet</title>
<style>
@page { size: ${A4.width}pt ${A4.height}pt; margin: 0; }
html, body { margin: 0; width: ${A4.width}pt; height: ${A4.height}pt; position: relative; font-family: 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', sans-serif; font-size: 7.5pt; line-height: 1.3; }
.head { position: absolute; left: ${MARGIN}pt; top: 28pt; right: ${MARGIN}pt; font-size: 9pt; }
.head h1 { font-size: 15pt; margin: 0 0 3pt; }
.cell { position: absolute; box-sizing: border-box; border-bottom: 3pt solid; }
.qr, .words { position: absolute; }
.words p { margin: 3pt 0 0; }
</style>
<div class="head"><h1>门岗登记 演示码 · Gate Kiosk demo sheet — 示例数据 SAMPLE DATA</h1>
小区 Compound ${escape(local.compound)}（示例 sample）· 打印于 printed ${escape(local.printedAt)} · 短时码 ${escape(local.validUntil)} 前有效 short-lived codes work until ${escape(local.validUntil)} (${escape(local.timeZone)})<br>
每次演示请打印新的一张 A fresh sheet for each demo: npx gate-kiosk demo-sheet --out demo-sheet.pdf · 正式使用前删除示例数据 Remove the sample data before real use: 管理 Manage → 示例数据 Sample data</div>
${cells.join('\n')}
</html>`;
}
