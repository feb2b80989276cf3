"""The checks of a document upload, one module per family of formats; `press.document_checks`
puts them together (`check`) and is what the rest of the project imports."""
