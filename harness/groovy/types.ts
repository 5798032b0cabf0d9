/**
 * Contract of the binding engine (harness/groovy). It knows nothing of EIC, HTTP or LeanIX:
 * a template string and plain-data bindings in, a rendered value or a Java-style error out.
 */

/** A Java/Groovy failure as EIC would log it, e.g. type `java.lang.NullPointerException`. */
export interface GroovyError {
  /** Fully-qualified Java class name of the failure, or `harness.Unsupported` / `harness.Security` / `harness.Budget`. */
  type: string;
  /** The message Groovy 2.4 would give (without the class name). */
  message: string;
  /** 0-based offset of the failing construct in the template string. */
  offset?: number;
  line?: number;
  column?: number;
}

export type RenderResult =
  | {
      ok: true;
      /** The GString rendering of the whole template (null renders as `null`, maps as `[k:v]`). */
      value: string;
      /**
       * When the template is exactly one `${...}` with no text around it, the expression's value as plain data
       * (null, string, number, boolean, array, plain object); otherwise equal to `value`.
       * Used for `nextUrlPath` (null or empty stops) and `#CONST#` values.
       */
      raw: unknown;
    }
  | { ok: false; error: GroovyError };

/** Limits that stop runaway code. */
export interface EvalLimits {
  /** Maximum interpreter steps per template (default 100000). */
  maxSteps?: number;
  /** Maximum length of any string built and of the output (default 1 MiB). */
  maxOutput?: number;
  /**
   * "Now" in epoch ms for `new Date()`, `Calendar.getInstance()`, `System.currentTimeMillis()` and the java.time
   * `now()` methods (default Date.now). The emulator passes its transport clock (fake time in scenarios).
   */
  clock?: () => number;
  /** Source of `UUID.randomUUID()` strings (default crypto.randomUUID; `seededUuids(seed)` repeats runs). */
  randomUUID?: () => string;
}

/** Options of one render: the limits, the clock and the id source. */
export type RenderOptions = EvalLimits;

/** Bindings are plain data: JSON-like values; maps are plain objects; objects of a Java class are DomainObject. */
export type Bindings = Record<string, unknown>;

const CLASS_NAME = Symbol('className');
const PROPERTIES = Symbol('properties');

/**
 * A binding that is an object of a Java class with a fixed property set, not a map (EIC's user, account and
 * entitlement value). Its own enumerable keys are the property values (so it prints and serializes as plain data);
 * in a template, a property outside the class's set throws
 * `groovy.lang.MissingPropertyException: No such property: x for class: <className>`, a known property without a
 * value is null, and the object renders as a Grails domain object (`<className> : <id>`).
 */
export class DomainObject {
  [column: string]: unknown;
  declare private [CLASS_NAME]: string;
  declare private [PROPERTIES]: readonly string[];

  constructor(className: string, properties: readonly string[], values: Readonly<Record<string, unknown>>) {
    Object.defineProperty(this, CLASS_NAME, { value: className });
    Object.defineProperty(this, PROPERTIES, { value: properties });
    Object.assign(this, values);
  }

  /** The Java class name of a domain object. */
  static classNameOf(o: DomainObject): string {
    return o[CLASS_NAME];
  }

  /** The declared properties of a domain object (its own keys are properties too). */
  static propertiesOf(o: DomainObject): readonly string[] {
    return o[PROPERTIES];
  }
}
