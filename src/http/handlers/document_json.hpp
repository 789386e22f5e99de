// JSON of a scanned document (ARC-1), shared by the archive and document handlers.
#pragma once

#include "domain/document.hpp"
#include "http/json_io.hpp"

namespace patron::http {

json::object DocumentJson(const domain::ArchiveDocument& document);

}  // namespace patron::http
