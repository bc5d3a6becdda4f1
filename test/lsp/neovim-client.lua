-- Drives Neovim's own LSP client (vim.lsp, Neovim 0.7's API) against
-- `tenor lsp`, headless, and writes what it saw as JSON for
-- test/lsp/neovim.test.ts. Neovim runs with docs/editors.md's init.lua, which
-- has started the server for the sheet given on the command line; this
-- script waits for it, then asks. Configured by the environment:
-- TENOR_COMPLETE_LINE / _COL (0-based, where to ask for completion) and
-- TENOR_RESULT (where to write the JSON).
local result = {}
local function finish(err)
  if err then result.error = tostring(err) end
  vim.fn.writefile({ vim.fn.json_encode(result) }, os.getenv("TENOR_RESULT"))
  vim.cmd("qall!")
end

local ok, err = pcall(function()
  local buf = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[buf].filetype
  local client
  assert(vim.wait(15000, function()
    client = vim.lsp.buf_get_clients(buf)[1]
    return client ~= nil and client.initialized
  end, 50), "no language server attached to the buffer within 15 s")
  result.server_name = client.name

  -- Diagnostics arrive as a notification after didOpen.
  assert(vim.wait(15000, function() return #vim.diagnostic.get(buf) > 0 end, 50), "no diagnostics within 15 s")
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(result.diagnostics, {
      lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
      message = d.message, source = d.source, code = lsp.code,
    })
  end

  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    position = { line = tonumber(os.getenv("TENOR_COMPLETE_LINE")), character = tonumber(os.getenv("TENOR_COMPLETE_COL")) },
  }
  local reply, request_err = client.request_sync("textDocument/completion", params, 10000, buf)
  assert(reply and not reply.err, "completion failed: " .. vim.inspect(request_err or (reply and reply.err)))
  result.completion = {}
  for _, item in ipairs(reply.result.items or reply.result) do table.insert(result.completion, item.label) end
  -- Neovim's own conversion of the list into its completion menu's words.
  result.complete_words = {}
  for _, c in ipairs(vim.lsp.util.text_document_completion_list_to_complete_items(reply.result, "")) do
    table.insert(result.complete_words, c.word)
  end

  vim.lsp.buf.formatting_sync(nil, 10000)
  result.formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n"
end)
finish(not ok and err or nil)
