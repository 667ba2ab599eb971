/**
 * Probing WebGL the way tfjs does, without starting tfjs's WebGL backend.
 *
 * No React; browser APIs are touched only inside {@link probeWebGL}, behind `typeof` guards, so
 * the module imports cleanly under Node.
 */

/** What a WebGL probe found. */
export interface WebGLProbe {
  /** True when a context with `failIfMajorPerformanceCaveat: true` was granted (what tfjs asks for). */
  available: boolean;
  /** WebGL version of that context: 2, 1, or 0 when none. */
  version: 0 | 1 | 2;
  /** True when the renderer string names a software rasteriser, or only a caveat-free context exists. */
  software: boolean;
  /** Unmasked renderer string (`WEBGL_debug_renderer_info`), else `gl.RENDERER`, else null. */
  renderer: string | null;
  /** Why WebGL is unavailable, when it is. */
  problem: string | null;
}

/**
 * Renderer names of software rasterisers: SwiftShader (Chrome), llvmpipe / softpipe (Mesa),
 * "Microsoft Basic Render Driver" (Windows), "Mesa offscreen", Apple's "Software" renderers.
 */
const SOFTWARE_RENDERER =
  /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen|microsoft basic/i;

/**
 * True when a WebGL renderer string names a software rasteriser.
 *
 * @param renderer - e.g. `ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)`.
 */
export function isSoftwareRenderer(renderer: string | null | undefined): boolean {
  return renderer != null && SOFTWARE_RENDERER.test(renderer);
}

type AnyGL = WebGLRenderingContext | WebGL2RenderingContext;

function makeCanvas(): HTMLCanvasElement | OffscreenCanvas | null {
  if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(1, 1);
  if (typeof document !== 'undefined') return document.createElement('canvas');
  return null;
}

function getContext(
  canvas: HTMLCanvasElement | OffscreenCanvas,
  failIfMajorPerformanceCaveat: boolean,
): { gl: AnyGL; version: 1 | 2 } | null {
  const attrs: WebGLContextAttributes = {
    alpha: false,
    antialias: false,
    depth: false,
    stencil: false,
    failIfMajorPerformanceCaveat,
  };
  try {
    const gl2 = canvas.getContext('webgl2', attrs) as WebGL2RenderingContext | null;
    if (gl2) return { gl: gl2, version: 2 };
    const gl1 = canvas.getContext('webgl', attrs) as WebGLRenderingContext | null;
    if (gl1) return { gl: gl1, version: 1 };
  } catch {
    // Some browsers throw instead of returning null; treat as "no context".
  }
  return null;
}

function rendererOf(gl: AnyGL): string | null {
  try {
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const value: unknown = ext
      ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)
      : gl.getParameter(gl.RENDERER);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Frees a probe context at once (browsers cap live contexts at about 16). */
function release(gl: AnyGL): void {
  try {
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  } catch {
    // Nothing to free.
  }
}

/**
 * Asks for a WebGL context the way tfjs does (`failIfMajorPerformanceCaveat: true`, WebGL 2 then
 * 1) and reads the renderer string. When that fails but a context without the caveat flag
 * exists, WebGL is there but blocklisted or software-only. The probe contexts are released.
 *
 * Under Node (no `document`, no `OffscreenCanvas`) returns `available: false` with a reason.
 * Never throws.
 */
export function probeWebGL(): WebGLProbe {
  const canvas = makeCanvas();
  if (canvas == null) {
    return {
      available: false,
      version: 0,
      software: false,
      renderer: null,
      problem: 'no browser canvas (not running in a browser)',
    };
  }
  const strict = getContext(canvas, true);
  if (strict) {
    const renderer = rendererOf(strict.gl);
    release(strict.gl);
    return {
      available: true,
      version: strict.version,
      software: isSoftwareRenderer(renderer),
      renderer,
      problem: null,
    };
  }
  const lax = getContext(makeCanvas() ?? canvas, false);
  if (lax) {
    const renderer = rendererOf(lax.gl);
    release(lax.gl);
    return {
      available: false,
      version: 0,
      software: true,
      renderer,
      problem:
        'the browser only offers WebGL with a major performance caveat (software or blocklisted GPU)',
    };
  }
  return {
    available: false,
    version: 0,
    software: false,
    renderer: null,
    problem: 'the browser could not create a WebGL context',
  };
}
