#include <algorithm>

#include "storage/postgres/postgres_database.hpp"
#include "storage/sql.hpp"
#include "storage/sqlite/sqlite_database.hpp"

namespace patron::storage {

void InsertRows(SqlTx& tx,
                std::size_t rows_per_statement,
                std::string_view head,
                std::string_view row,
                std::size_t rows,
                const std::function<void(std::size_t, std::vector<Param>&)>& params_of) {
    const auto per_row = static_cast<std::size_t>(std::count(row.begin(), row.end(), '?'));
    auto sql_for = [&](std::size_t count) {
        std::string sql(head);
        std::size_t number = 0;
        for (std::size_t row_idx = 0; row_idx < count; ++row_idx) {
            if (row_idx) sql += ", ";
            for (char ch : row) {
                if (ch == '?') {
                    sql += "?" + std::to_string(++number);
                } else {
                    sql.push_back(ch);
                }
            }
        }
        return sql;
    };
    const std::string full = rows >= rows_per_statement ? sql_for(rows_per_statement) : std::string();
    std::vector<Param> params;  // one statement's
    params.reserve(std::min(rows, rows_per_statement) * per_row);
    for (std::size_t at = 0; at < rows;) {
        const std::size_t count = std::min(rows_per_statement, rows - at);
        params.clear();
        for (std::size_t row_idx = at; row_idx < at + count; ++row_idx) params_of(row_idx, params);
        tx.Exec(count == rows_per_statement ? full : sql_for(count), params);
        at += count;
    }
}

void InsertRows(SqlTx& tx,
                std::size_t rows_per_statement,
                std::string_view head,
                std::string_view row,
                const std::vector<Param>& params) {
    const auto per_row = static_cast<std::size_t>(std::count(row.begin(), row.end(), '?'));
    InsertRows(tx, rows_per_statement, head, row, params.size() / per_row, [&](std::size_t row_idx, auto& out) {
        out.insert(out.end(), params.begin() + row_idx * per_row, params.begin() + (row_idx + 1) * per_row);
    });
}

std::unique_ptr<Database> OpenDatabase(const std::string& url) {
    if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return postgres::OpenPostgres(url);
    if (url.starts_with("sqlite:")) return sqlite::OpenSqlite(url.substr(7));
    return sqlite::OpenSqlite(url);
}

}  // namespace patron::storage
