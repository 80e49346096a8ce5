-- Drives skill-lint's language server from Neovim's own LSP client: opens the file in SKILL_LINT_FILE, waits for
-- its diagnostics, applies the preferred code action, waits for the diagnostics after the edit, and writes what it
-- saw as JSON to SKILL_LINT_OUT.
local file, out = os.getenv("SKILL_LINT_FILE"), os.getenv("SKILL_LINT_OUT")
local result = {}
local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, out)
  vim.cmd("qa!")
end

vim.cmd("edit " .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local config = {
  name = "skill-lint",
  cmd = { os.getenv("SKILL_LINT_NODE"), os.getenv("SKILL_LINT_CLI"), "--lsp" },
  root_dir = os.getenv("SKILL_LINT_ROOT"),
  init_options = { debounce = 0 },
}
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(config)
else
  -- Neovim 0.7 has no vim.lsp.start: the same client, started and attached by hand.
  client_id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(bufnr, client_id)
end
result.client = client_id ~= nil

local ok = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
if not ok then
  result.error = "no diagnostics within 20 s"
  return finish()
end
local diagnostic = vim.diagnostic.get(bufnr)[1]
result.before = { lnum = diagnostic.lnum, col = diagnostic.col, end_col = diagnostic.end_col, code = diagnostic.code, message = diagnostic.message }

local lsp_diagnostic = diagnostic.user_data and diagnostic.user_data.lsp
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = lsp_diagnostic and lsp_diagnostic.range or { start = { line = diagnostic.lnum, character = diagnostic.col }, ["end"] = { line = diagnostic.end_lnum, character = diagnostic.end_col } },
  context = { diagnostics = { lsp_diagnostic } },
}
local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 10000) or {}
local action
result.actions = {}
for _, response in pairs(responses) do
  for _, candidate in ipairs(response.result or {}) do
    table.insert(result.actions, candidate.title)
    if candidate.isPreferred then action = candidate end
  end
end
if not action then
  result.error = "no preferred code action"
  return finish()
end
vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
result.line = vim.api.nvim_buf_get_lines(bufnr, 3, 4, false)[1]
result.cleared = vim.wait(20000, function() return #vim.diagnostic.get(bufnr) == 0 end, 50)
result.after = #vim.diagnostic.get(bufnr)
finish()
