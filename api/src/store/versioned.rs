//! Optimistic-concurrency updates shared by the casework stores: write the whole row if the
//! stored version is the one the caller edited, else report 412 with the current version.

/// `versioned_update!(conn, table, &row, expected_version)`: the row (an `AsChangeset` with the
/// new `version` and `updated_at` already set) replaces the stored one if its version is
/// `expected_version`. Evaluates to `ApiResult<()>`.
macro_rules! versioned_update {
    ($conn:expr, $table:ident, $row:expr, $expected:expr) => {{
        let row = $row;
        let n = diesel::update(
            $table::table
                .find(&row.id)
                .filter($table::version.eq($expected)),
        )
        .set(row)
        .execute($conn)?;
        if n == 0 {
            let current: Option<i32> = $table::table
                .find(&row.id)
                .select($table::version)
                .first($conn)
                .optional()?;
            Err(match current {
                Some(v) => $crate::error::ApiError::Stale { current_version: v },
                None => $crate::error::ApiError::not_found(stringify!($table)),
            })
        } else {
            Ok(())
        }
    }};
}
pub(crate) use versioned_update;

/// Declares the store trait of a record kept per participant (relapses, consents …) and
/// implements it for both backends: insert, get, a participant's list (newest first by
/// `$order`) and a versioned update.
macro_rules! participant_records {
    ($trait:ident, $row:ident, $table:ident, $order:ident,
     $insert:ident, $get:ident, $list:ident, $update:ident) => {
        pub trait $trait {
            fn $insert(&mut self, row: &$row) -> $crate::error::ApiResult<()>;
            fn $get(&mut self, id: &str) -> $crate::error::ApiResult<Option<$row>>;
            fn $list(
                &mut self,
                participant_id: &str,
                limit: i64,
                offset: i64,
            ) -> $crate::error::ApiResult<(Vec<$row>, i64)>;
            fn $update(&mut self, expected_version: i32, row: &$row) -> $crate::error::ApiResult<()>;
        }

        $crate::store::backend_impl!(impl $trait {
            fn $insert(&mut self, row: &$row) -> $crate::error::ApiResult<()> {
                diesel::insert_into($table::table).values(row).execute(self)?;
                Ok(())
            }

            fn $get(&mut self, id: &str) -> $crate::error::ApiResult<Option<$row>> {
                Ok($table::table.find(id).select($row::as_select()).first(self).optional()?)
            }

            fn $list(
                &mut self,
                participant_id: &str,
                limit: i64,
                offset: i64,
            ) -> $crate::error::ApiResult<(Vec<$row>, i64)> {
                let total = $table::table
                    .filter($table::participant_id.eq(participant_id))
                    .count()
                    .get_result(self)?;
                let items = $table::table
                    .filter($table::participant_id.eq(participant_id))
                    .select($row::as_select())
                    .order(($table::$order.desc(), $table::id.desc()))
                    .limit(limit)
                    .offset(offset)
                    .load(self)?;
                Ok((items, total))
            }

            fn $update(&mut self, expected_version: i32, row: &$row) -> $crate::error::ApiResult<()> {
                $crate::store::versioned::versioned_update!(self, $table, row, expected_version)
            }
        });
    };
}
pub(crate) use participant_records;
