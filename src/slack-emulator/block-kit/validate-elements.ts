import { type Checker, objectAt } from './checker.js';
import {
  ALLOWED_IN,
  type Container,
  CONTAINER_NAMES,
  ELEMENT_SURFACES,
  MULTI_SELECTS,
  SURFACE_NAMES,
} from './kinds.js';
import { LIMITS } from './limits.js';
import { type Json, list, num, obj, objects, str } from './shape.js';

/** The checks of each element type, against Slack's element and composition object references. */

function confirm(c: Checker, p: string, value: unknown): void {
  if (value === undefined) return;
  const d = objectAt(c, p, value, 'confirm');
  if (!d) return;
  c.text(`${p}/title`, d.title, 'confirm title', LIMITS.confirm.title, { required: true });
  c.text(`${p}/text`, d.text, 'confirm text', LIMITS.confirm.text, { required: true, mrkdwn: true });
  c.text(`${p}/confirm`, d.confirm, 'confirm button', LIMITS.confirm.confirm, { required: true });
  c.text(`${p}/deny`, d.deny, 'deny button', LIMITS.confirm.deny, { required: true });
  c.oneOf(`${p}/style`, d.style, 'confirm style', ['primary', 'danger']);
}

/** One option; radio buttons and checkboxes may use mrkdwn, and only overflow options a url. */
function option(c: Checker, p: string, value: unknown, o: { mrkdwn: boolean; url: boolean }): void {
  const opt = objectAt(c, p, value, 'option');
  if (!opt) return;
  c.text(`${p}/text`, opt.text, 'option', LIMITS.option.text, { required: true, mrkdwn: o.mrkdwn });
  c.string(`${p}/value`, opt.value, 'option value', LIMITS.option.value, true);
  c.text(`${p}/description`, opt.description, 'option description', LIMITS.option.description, {
    mrkdwn: o.mrkdwn,
  });
  if (opt.url !== undefined && !o.url)
    c.report(`${p}/url`, 'an option url is allowed only in overflow menus');
  else c.string(`${p}/url`, opt.url, 'option url', LIMITS.option.url);
}

/** The options, and initial options that must each be one of them (Slack matches them exactly). */
function options(
  c: Checker,
  p: string,
  e: Json,
  max: number,
  o: { mrkdwn: boolean; url: boolean; min?: number },
): void {
  if (c.array(`${p}/options`, e.options, 'options', max, o.min ?? 1)) {
    e.options.forEach((opt, i) => option(c, `${p}/options/${i}`, opt, o));
  }
  initialOptions(c, p, e, objects(e.options), o);
}

function initialOptions(
  c: Checker,
  p: string,
  e: Json,
  all: Json[],
  o: { mrkdwn: boolean; url: boolean },
): void {
  const values = new Set(all.map((opt) => str(opt.value)));
  const check = (pointer: string, opt: unknown) => {
    option(c, pointer, opt, o);
    const value = str(obj(opt)?.value);
    if (all.length > 0 && !values.has(value)) {
      c.report(pointer, `initial option ${JSON.stringify(value)} is not one of the options`);
    }
  };
  if (e.initial_option !== undefined) check(`${p}/initial_option`, e.initial_option);
  if (c.array(`${p}/initial_options`, e.initial_options, 'initial_options', Number.MAX_SAFE_INTEGER)) {
    e.initial_options.forEach((opt, i) => check(`${p}/initial_options/${i}`, opt));
  }
}

function staticSelect(c: Checker, p: string, e: Json): void {
  const hasOptions = e.options !== undefined;
  const hasGroups = e.option_groups !== undefined;
  if (hasOptions === hasGroups) {
    c.report(p, `${String(e.type)} needs exactly one of options and option_groups`);
  }
  if (hasGroups) {
    if (c.array(`${p}/option_groups`, e.option_groups, 'option_groups', LIMITS.select.optionGroups, 1)) {
      e.option_groups.forEach((g, i) => {
        const group = objectAt(c, `${p}/option_groups/${i}`, g, 'option group');
        if (!group) return;
        c.text(`${p}/option_groups/${i}/label`, group.label, 'option group label', LIMITS.select.groupLabel, {
          required: true,
        });
        if (c.array(`${p}/option_groups/${i}/options`, group.options, 'options', LIMITS.select.options, 1)) {
          group.options.forEach((o, j) =>
            option(c, `${p}/option_groups/${i}/options/${j}`, o, { mrkdwn: false, url: false }),
          );
        }
      });
    }
    const all = objects(e.option_groups).flatMap((g) => objects(g.options));
    initialOptions(c, p, e, all, { mrkdwn: false, url: false });
  } else if (hasOptions) {
    options(c, p, e, LIMITS.select.options, { mrkdwn: false, url: false });
  }
}

function plainTextInput(c: Checker, p: string, e: Json): void {
  const min = num(e.min_length);
  const max = num(e.max_length);
  const top = LIMITS.plainTextInput.maxLength;
  if (e.min_length !== undefined && (min === undefined || min < 0 || min > top)) {
    c.report(`${p}/min_length`, `min_length must be between 0 and ${top}`);
  }
  if (e.max_length !== undefined && (max === undefined || max < 1 || max > top)) {
    c.report(`${p}/max_length`, `max_length must be between 1 and ${top}`);
  }
  if (min !== undefined && max !== undefined && min > max)
    c.report(`${p}/min_length`, 'min_length is more than max_length');
  if (e.initial_value !== undefined && typeof e.initial_value !== 'string') {
    c.report(`${p}/initial_value`, 'initial_value must be a string');
  }
}

/** Checks by element type, after the checks every element gets. */
const CHECKS: Record<string, (c: Checker, p: string, e: Json) => void> = {
  button: (c, p, e) => {
    c.text(`${p}/text`, e.text, 'button text', LIMITS.button.text, { required: true });
    c.string(`${p}/value`, e.value, 'button value', LIMITS.button.value);
    c.string(`${p}/url`, e.url, 'button url', LIMITS.button.url);
    c.oneOf(`${p}/style`, e.style, 'button style', ['primary', 'danger']);
    c.string(
      `${p}/accessibility_label`,
      e.accessibility_label,
      'accessibility_label',
      LIMITS.button.accessibilityLabel,
    );
  },
  workflow_button: (c, p, e) => {
    c.text(`${p}/text`, e.text, 'button text', LIMITS.button.text, { required: true });
    if (!obj(e.workflow)) c.missing(p, 'workflow');
    c.oneOf(`${p}/style`, e.style, 'button style', ['primary', 'danger']);
  },
  overflow: (c, p, e) =>
    options(c, p, e, LIMITS.overflow.maxOptions, {
      mrkdwn: false,
      url: true,
      min: LIMITS.overflow.minOptions,
    }),
  checkboxes: (c, p, e) => options(c, p, e, LIMITS.choices.options, { mrkdwn: true, url: false }),
  radio_buttons: (c, p, e) => options(c, p, e, LIMITS.choices.options, { mrkdwn: true, url: false }),
  static_select: staticSelect,
  multi_static_select: staticSelect,
  external_select: (c, p, e) => initialOptions(c, p, e, [], { mrkdwn: false, url: false }),
  multi_external_select: (c, p, e) => initialOptions(c, p, e, [], { mrkdwn: false, url: false }),
  datepicker: (c, p, e) => {
    if (
      e.initial_date !== undefined &&
      !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(str(e.initial_date) ?? '')
    ) {
      c.report(`${p}/initial_date`, 'initial_date must be YYYY-MM-DD');
    }
  },
  timepicker: (c, p, e) => {
    if (e.initial_time !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(str(e.initial_time) ?? '')) {
      c.report(`${p}/initial_time`, 'initial_time must be HH:mm');
    }
  },
  datetimepicker: (c, p, e) => {
    if (e.initial_date_time !== undefined && !Number.isInteger(e.initial_date_time)) {
      c.report(`${p}/initial_date_time`, 'initial_date_time must be a Unix timestamp in seconds');
    }
  },
  plain_text_input: plainTextInput,
  number_input: (c, p, e) => {
    if (typeof e.is_decimal_allowed !== 'boolean') c.missing(p, 'is_decimal_allowed');
  },
  image: (c, p, e) => imageSource(c, p, e),
};

/** image_url or slack_file, exactly one, and alt_text: shared by the image element and block. */
export function imageSource(c: Checker, p: string, e: Json): void {
  if ((e.image_url === undefined) === (e.slack_file === undefined)) {
    c.report(p, 'an image needs exactly one of image_url and slack_file');
  }
  c.string(`${p}/image_url`, e.image_url, 'image_url', LIMITS.image.url);
  if (e.slack_file !== undefined) {
    const file = obj(e.slack_file);
    if (!file || (!str(file.id) && !str(file.url))) {
      c.report(`${p}/slack_file`, 'slack_file needs an id or a url');
    }
  }
  c.string(`${p}/alt_text`, e.alt_text, 'alt_text', LIMITS.image.altText, true);
}

/** Every element type Slack knows, checked where it sits: in which block, on which surface. */
export function checkElement(c: Checker, p: string, value: unknown, container: Container): void {
  const e = objectAt(c, p, value, 'element');
  if (!e) return;
  const type = str(e.type);
  if (type === undefined) return c.missing(p, 'type');
  const surfaces = ELEMENT_SURFACES[type];
  if (!surfaces) return c.report(`${p}/type`, `unknown element type "${type}"`);
  if (!ALLOWED_IN[container].has(type))
    return c.report(`${p}/type`, `${type} is not allowed in ${CONTAINER_NAMES[container]}`);
  if (!surfaces.includes(c.surface)) {
    c.report(`${p}/type`, `${type} is not allowed in ${SURFACE_NAMES[c.surface]}`);
  }
  if (type !== 'image') c.string(`${p}/action_id`, e.action_id, 'action_id', LIMITS.id);
  if (typeof e.placeholder !== 'undefined') {
    c.text(`${p}/placeholder`, e.placeholder, 'placeholder', LIMITS.select.placeholder);
  }
  confirm(c, `${p}/confirm`, e.confirm);
  if (MULTI_SELECTS.includes(type) && e.max_selected_items !== undefined) {
    const max = num(e.max_selected_items);
    if (max === undefined || !Number.isInteger(max) || max < 1) {
      c.report(`${p}/max_selected_items`, 'max_selected_items must be 1 or more');
    }
  }
  CHECKS[type]?.(c, p, e);
  // The element's ids in initial_users and the like are strings; Slack checks they exist.
  for (const field of ['initial_users', 'initial_conversations', 'initial_channels']) {
    if (e[field] !== undefined && !list(e[field]).every((id) => typeof id === 'string' && id !== '')) {
      c.report(`${p}/${field}`, `${field} must be a list of ids`);
    }
  }
}
