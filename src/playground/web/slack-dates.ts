/**
 * Slack's `<!date^…>` as a reader who chose Slack's 24-hour clock sees it, so the page shows one time
 * format throughout: "9:30 AM" becomes "09:30", and "Tomorrow" mid-sentence reads "tomorrow".
 */
export function with24HourDates(root: Element): void {
  for (const date of root.querySelectorAll('time.bk-date')) {
    let text = (date.textContent ?? '').replace(
      /\b(\d{1,2}):(\d\d)(:\d\d)?\s?(AM|PM)\b/g,
      (_whole, hour: string, minute: string, seconds: string | undefined, half: string) =>
        `${String((Number(hour) % 12) + (half === 'PM' ? 12 : 0)).padStart(2, '0')}:${minute}${seconds ?? ''}`,
    );
    const before = date.previousSibling?.textContent ?? '';
    if (/\S\s*$/.test(before) && !/[.!?:]\s*$/.test(before)) {
      text = text.replace(/^(Today|Tomorrow|Yesterday)\b/, (word) => word.toLowerCase());
    }
    date.textContent = text;
  }
}
