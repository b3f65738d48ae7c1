//! Writing rows as they come: CSV (a header row, then one record a row; a list cell is a JSON
//! array), JSON Lines (one object a row, keys in column order) and Parquet (Arrow column
//! builders, a record batch every [`BATCH_ROWS`] rows, row groups bounded in rows and bytes,
//! snappy-compressed). Nothing holds more than one batch of rows.

use crate::tables::{Column, Kind, Value};
use arrow_array::builder::{
    BooleanBuilder, Date32Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;

/// Rows per Arrow record batch handed to the Parquet writer.
const BATCH_ROWS: usize = 1024;
/// Bounds of one Parquet row group.
const GROUP_ROWS: usize = 64 * 1024;
const GROUP_BYTES: usize = 64 << 20;

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Jsonl,
    Parquet,
}

/// What failed while writing.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Csv(#[from] csv::Error),
    #[error("{0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    #[error("{0}")]
    Arrow(#[from] arrow_schema::ArrowError),
}

impl WriteError {
    /// Whether the reader of the output went away (a closed pipe: `dossier export ... | head`).
    pub fn is_broken_pipe(&self) -> bool {
        use std::error::Error;
        let mut source: Option<&(dyn Error + 'static)> = Some(self);
        while let Some(e) = source {
            if let Some(io) = e.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    return true;
                }
            }
            source = e.source();
        }
        matches!(self, WriteError::Csv(e) if matches!(e.kind(), csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe))
    }
}

/// A table being written in one format.
pub(crate) enum Sink<W: Write + Send> {
    Csv(Box<csv::Writer<W>>),
    Jsonl {
        out: W,
        columns: &'static [Column],
        line: Vec<u8>,
    },
    Parquet(Box<ParquetSink<W>>),
}

impl<W: Write + Send> Sink<W> {
    pub(crate) fn new(
        format: Format,
        columns: &'static [Column],
        out: W,
    ) -> Result<Sink<W>, WriteError> {
        Ok(match format {
            Format::Csv => {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(columns.iter().map(|c| c.name))?;
                Sink::Csv(Box::new(w))
            }
            Format::Jsonl => Sink::Jsonl {
                out,
                columns,
                line: Vec::new(),
            },
            Format::Parquet => Sink::Parquet(Box::new(ParquetSink::new(columns, out)?)),
        })
    }

    pub(crate) fn write(&mut self, row: Vec<Value>) -> Result<(), WriteError> {
        match self {
            Sink::Csv(w) => {
                w.write_record(row.iter().map(csv_cell))?;
            }
            Sink::Jsonl { out, columns, line } => {
                line.clear();
                line.push(b'{');
                for (i, (c, v)) in columns.iter().zip(&row).enumerate() {
                    if i > 0 {
                        line.push(b',');
                    }
                    serde_json::to_writer(&mut *line, c.name).map_err(std::io::Error::from)?;
                    line.push(b':');
                    serde_json::to_writer(&mut *line, &json_value(v))
                        .map_err(std::io::Error::from)?;
                }
                line.extend_from_slice(b"}\n");
                out.write_all(line)?;
            }
            Sink::Parquet(p) => p.push(row)?,
        }
        Ok(())
    }

    /// Writes what is buffered (and Parquet's footer) and flushes the output.
    pub(crate) fn finish(self) -> Result<(), WriteError> {
        match self {
            Sink::Csv(w) => {
                let mut out = (*w).into_inner().map_err(|e| e.into_error())?;
                out.flush()?;
            }
            Sink::Jsonl { mut out, .. } => out.flush()?,
            Sink::Parquet(p) => p.finish()?,
        }
        Ok(())
    }
}

fn day_text(d: &NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn csv_cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Text(s) => s.clone(),
        Value::Integer(n) => n.to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Date(d) => day_text(d),
        Value::List(items) => serde_json::to_string(items).expect("strings serialise"),
    }
}

fn json_value(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Text(s) => s.as_str().into(),
        Value::Integer(n) => (*n).into(),
        Value::Boolean(b) => (*b).into(),
        Value::Date(d) => day_text(d).into(),
        Value::List(items) => items.as_slice().into(),
    }
}

/// The Arrow type of a column kind.
fn arrow_type(kind: Kind) -> DataType {
    match kind {
        Kind::Text => DataType::Utf8,
        Kind::Integer => DataType::Int64,
        Kind::Boolean => DataType::Boolean,
        Kind::Date => DataType::Date32,
        Kind::List => DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true))),
    }
}

/// The Arrow schema of a table.
pub fn arrow_schema(columns: &[Column]) -> Schema {
    Schema::new(
        columns
            .iter()
            .map(|c| Field::new(c.name, arrow_type(c.kind), c.nullable))
            .collect::<Vec<_>>(),
    )
}

/// One column's builder.
enum Builder {
    Text(StringBuilder),
    Integer(Int64Builder),
    Boolean(BooleanBuilder),
    Date(Date32Builder),
    List(ListBuilder<StringBuilder>),
}

impl Builder {
    fn new(kind: Kind) -> Builder {
        match kind {
            Kind::Text => Builder::Text(StringBuilder::new()),
            Kind::Integer => Builder::Integer(Int64Builder::new()),
            Kind::Boolean => Builder::Boolean(BooleanBuilder::new()),
            Kind::Date => Builder::Date(Date32Builder::new()),
            Kind::List => Builder::List(ListBuilder::new(StringBuilder::new())),
        }
    }

    /// Appends `v`; a value of another kind than the column's is a null (the tables never
    /// make one).
    fn push(&mut self, v: Value) {
        match (self, v) {
            (Builder::Text(b), Value::Text(s)) => b.append_value(s),
            (Builder::Text(b), _) => b.append_null(),
            (Builder::Integer(b), Value::Integer(n)) => b.append_value(n),
            (Builder::Integer(b), _) => b.append_null(),
            (Builder::Boolean(b), Value::Boolean(x)) => b.append_value(x),
            (Builder::Boolean(b), _) => b.append_null(),
            (Builder::Date(b), Value::Date(d)) => b.append_value(days_since_epoch(d)),
            (Builder::Date(b), _) => b.append_null(),
            (Builder::List(b), Value::List(items)) => {
                for item in items {
                    b.values().append_value(item);
                }
                b.append(true);
            }
            (Builder::List(b), _) => b.append(false),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Integer(b) => Arc::new(b.finish()),
            Builder::Boolean(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
            Builder::List(b) => Arc::new(b.finish()),
        }
    }
}

fn days_since_epoch(d: NaiveDate) -> i32 {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
    i32::try_from((d - epoch).num_days()).unwrap_or(i32::MAX)
}

/// Parquet output: rows gathered in column builders, written a batch at a time.
pub(crate) struct ParquetSink<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    builders: Vec<Builder>,
    rows: usize,
}

impl<W: Write + Send> ParquetSink<W> {
    fn new(columns: &[Column], out: W) -> Result<ParquetSink<W>, WriteError> {
        let schema = Arc::new(arrow_schema(columns));
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(GROUP_ROWS))
            .set_max_row_group_bytes(Some(GROUP_BYTES))
            .set_created_by(format!("dossier {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props))?;
        Ok(ParquetSink {
            writer,
            schema,
            builders: columns.iter().map(|c| Builder::new(c.kind)).collect(),
            rows: 0,
        })
    }

    fn push(&mut self, row: Vec<Value>) -> Result<(), WriteError> {
        for (b, v) in self.builders.iter_mut().zip(row) {
            b.push(v);
        }
        self.rows += 1;
        if self.rows == BATCH_ROWS {
            self.write_batch()?;
        }
        Ok(())
    }

    fn write_batch(&mut self) -> Result<(), WriteError> {
        if self.rows == 0 {
            return Ok(());
        }
        let arrays = self.builders.iter_mut().map(Builder::finish).collect();
        let batch = RecordBatch::try_new(self.schema.clone(), arrays)?;
        self.writer.write(&batch)?;
        self.rows = 0;
        Ok(())
    }

    fn finish(mut self) -> Result<(), WriteError> {
        self.write_batch()?;
        let mut out = self.writer.into_inner()?;
        out.flush()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[Column] = &[
        Column {
            name: "text",
            kind: Kind::Text,
            nullable: true,
        },
        Column {
            name: "n",
            kind: Kind::Integer,
            nullable: false,
        },
        Column {
            name: "day",
            kind: Kind::Date,
            nullable: true,
        },
        Column {
            name: "ids",
            kind: Kind::List,
            nullable: false,
        },
    ];

    fn rows() -> Vec<Vec<Value>> {
        vec![
            vec![
                Value::Text("She said: \"no, never\",\nthen left.".to_string()),
                Value::Integer(7),
                Value::Date(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()),
                Value::List(vec!["a1".to_string(), "b \"2\"".to_string()]),
            ],
            vec![
                Value::Null,
                Value::Integer(-1),
                Value::Null,
                Value::List(vec![]),
            ],
        ]
    }

    fn written(format: Format, rows: Vec<Vec<Value>>) -> Vec<u8> {
        let mut out = Vec::new();
        let mut sink = Sink::new(format, COLUMNS, &mut out).unwrap();
        for r in rows {
            sink.write(r).unwrap();
        }
        sink.finish().unwrap();
        out
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_lists_are_json_arrays() {
        let out = written(Format::Csv, rows());
        let mut r = csv::Reader::from_reader(out.as_slice());
        assert_eq!(r.headers().unwrap(), vec!["text", "n", "day", "ids"]);
        let got: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(&got[0][0], "She said: \"no, never\",\nthen left.");
        assert_eq!(&got[0][2], "2024-02-29");
        let ids: Vec<String> = serde_json::from_str(&got[0][3]).unwrap();
        assert_eq!(ids, ["a1", "b \"2\""]);
        assert_eq!(got[1].iter().collect::<Vec<_>>(), ["", "-1", "", "[]"]);
    }

    #[test]
    fn json_lines_keep_the_column_order_and_nulls() {
        let out = String::from_utf8(written(Format::Jsonl, rows())).unwrap();
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("{\"text\":\"She said"), "{}", lines[0]);
        assert_eq!(lines[1], "{\"text\":null,\"n\":-1,\"day\":null,\"ids\":[]}");
    }

    #[test]
    fn parquet_is_written_in_batches_and_an_empty_table_has_its_schema() {
        let many: Vec<Vec<Value>> = (0..BATCH_ROWS * 2 + 3).flat_map(|_| rows()).collect();
        let out = written(Format::Parquet, many);
        let reader =
            parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(bytes_of(out))
                .unwrap();
        assert_eq!(reader.schema().fields(), arrow_schema(COLUMNS).fields());
        let n: usize = reader.build().unwrap().map(|b| b.unwrap().num_rows()).sum();
        assert_eq!(n, (BATCH_ROWS * 2 + 3) * 2);
        let empty = written(Format::Parquet, vec![]);
        let reader =
            parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(bytes_of(empty))
                .unwrap();
        assert_eq!(reader.schema().fields().len(), COLUMNS.len());
    }

    fn bytes_of(v: Vec<u8>) -> bytes::Bytes {
        bytes::Bytes::from(v)
    }
}
