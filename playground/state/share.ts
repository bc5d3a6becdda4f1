/**
 * The share link: the whole state (term sheet + inputs JSON) compressed
 * with deflate-raw (CompressionStream, built into browsers and Node) and
 * written base64url into the URL fragment, which never reaches a server.
 *
 *   https://…/playground/#s=<base64url(deflate-raw(JSON))>
 */

export interface SharedState {
  readonly source: string;
  /** The inputs as a JSON inputs file. */
  readonly inputs: string;
}

const PREFIX = "#s=";
const VERSION = 1;

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  // Chunks keep String.fromCharCode's argument list short.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/** The URL fragment (with `#s=`) that holds the state. */
export async function encodeState(state: SharedState): Promise<string> {
  const json = JSON.stringify({ v: VERSION, source: state.source, inputs: state.inputs });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return PREFIX + toBase64Url(packed);
}

/** The state in a URL fragment, or null when the fragment holds none (or a damaged one). */
export async function decodeState(fragment: string): Promise<SharedState | null> {
  if (!fragment.startsWith(PREFIX)) return null;
  const bytes = fromBase64Url(fragment.slice(PREFIX.length));
  if (bytes === null) return null;
  try {
    const json = new TextDecoder().decode(await pipe(bytes, new DecompressionStream("deflate-raw")));
    const doc: unknown = JSON.parse(json);
    if (typeof doc !== "object" || doc === null) return null;
    const { v, source, inputs } = doc as Record<string, unknown>;
    if (v !== VERSION || typeof source !== "string" || typeof inputs !== "string") return null;
    return { source, inputs };
  } catch {
    return null;
  }
}
