/**
 * Monaco with only the features the playground uses. The root
 * `monaco-editor` import would bundle every language and the TypeScript
 * worker (megabytes); the editor API plus a handful of contributions is
 * all a Tenor editor needs.
 */
import * as monaco from "monaco-editor/editor";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";

import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/clipboard/register";
import "monaco-editor/features/comment/register";
import "monaco-editor/features/contextmenu/register";
import "monaco-editor/features/find/register";
import "monaco-editor/features/folding/register";
import "monaco-editor/features/format/register";
import "monaco-editor/features/gotoError/register";
import "monaco-editor/features/gotoSymbol/register";
import "monaco-editor/features/hover/register";
import "monaco-editor/features/snippet/register";
import "monaco-editor/features/suggest/register";
import "monaco-editor/features/toggleTabFocusMode/register";
import "monaco-editor/features/wordHighlighter/register";
// The suggest widget itself (features/suggest registers only its inline-completion bridge).
import "monaco-editor/editor/contrib/suggest/browser/suggestController";

// Monaco's own worker (word-based services); Tenor's analysis runs in a worker of its own.
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export { monaco };
