// Masked forms of what identifies a person: enough for a volunteer to compare with the person in front of them, not
// enough to build a directory of the compound. Pure functions; applying one to its own output changes nothing.

/** 李四 → 李*, 张三丰 → 张*丰, Smith → S***h. */
export function maskName(name: string): string;
export function maskName(name: string | null): string | null;
export function maskName(name: string | null): string | null {
  if (!name) return name;
  const chars = [...name];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(Math.min(chars.length - 2, 3))}${chars.at(-1)}`;
}

/** 3-2-501 → 3-2-5**, 12-1201 → 12-12**: building, unit and floor, not the door. */
export function maskHousehold(label: string): string;
export function maskHousehold(label: string | null): string | null;
export function maskHousehold(label: string | null): string | null {
  if (!label) return label;
  const parts = label.split('-');
  const room = [...parts.pop()!];
  const kept = Math.max(0, room.length - 2);
  return [...parts, room.slice(0, kept).join('') + '*'.repeat(room.length - kept)].join('-');
}

/** 京A12345 → 京A***45: the province, the letter and the last two, as people glance at a plate. */
export function maskPlate(plate: string): string;
export function maskPlate(plate: string | null): string | null;
export function maskPlate(plate: string | null): string | null {
  if (!plate) return plate;
  const chars = [...plate];
  if (chars.length < 5) return chars[0] + '*'.repeat(chars.length - 1);
  return chars.slice(0, 2).join('') + '*'.repeat(chars.length - 4) + chars.slice(-2).join('');
}
