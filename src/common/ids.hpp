// Strong ids: an OrgId cannot be passed where a CustomerId is expected.
// Every id is a positive 64-bit integer, unique within the deployment; 0 means "none".
#pragma once

#include <compare>
#include <cstdint>
#include <functional>

namespace patron {

template <typename Tag>
struct Id {
    std::int64_t value = 0;
    constexpr Id() = default;
    constexpr explicit Id(std::int64_t v) : value(v) {}
    constexpr bool valid() const { return value > 0; }
    auto operator<=>(const Id&) const = default;
};

using OrgId = Id<struct OrgTag>;
using DepartmentId = Id<struct DepartmentTag>;
using UserId = Id<struct UserTag>;
using CustomerId = Id<struct CustomerTag>;
using VehicleId = Id<struct VehicleTag>;
using SessionId = Id<struct SessionTag>;
using InteractionId = Id<struct InteractionTag>;
using ImportJobId = Id<struct ImportJobTag>;
using ArchiveId = Id<struct ArchiveTag>;
using HandoverId = Id<struct HandoverTag>;
using FineId = Id<struct FineTag>;
using DocumentId = Id<struct DocumentTag>;

}  // namespace patron

template <typename Tag>
struct std::hash<patron::Id<Tag>> {
    std::size_t operator()(const patron::Id<Tag>& id) const noexcept { return std::hash<std::int64_t>{}(id.value); }
};
