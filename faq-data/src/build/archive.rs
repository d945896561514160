//! A content folder's files as one archive (tar, as `tar -xf` unpacks it): what the edge's export
//! hands out and what an import (the console's upload, `faq publish`) sends.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Component, PathBuf};

use super::tree::TreeFile;

/// The files in a tar archive, in the order given.
pub fn pack(files: &[TreeFile]) -> Result<Vec<u8>, String> {
    let mut archive = tar::Builder::new(Vec::new());
    for (path, text) in files {
        let mut header = tar::Header::new_ustar();
        header.set_size(text.len() as u64);
        header.set_mode(0o644);
        header.set_entry_type(tar::EntryType::Regular);
        archive.append_data(&mut header, path, text.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    archive.into_inner().map_err(|e| e.to_string())
}

/// The text files of a tar archive by their path inside it. Folders are implied by the paths;
/// links and other special entries are refused, as is any path that would leave the folder.
pub fn unpack(bytes: &[u8]) -> Result<BTreeMap<PathBuf, String>, String> {
    let mut files = BTreeMap::new();
    let mut archive = tar::Archive::new(bytes);
    for entry in archive.entries().map_err(|e| format!("not a tar archive: {e}"))? {
        let mut entry = entry.map_err(|e| format!("not a tar archive: {e}"))?;
        let path = entry.path().map_err(|e| format!("a file name in the archive: {e}"))?.into_owned();
        match entry.header().entry_type() {
            tar::EntryType::Directory | tar::EntryType::XGlobalHeader | tar::EntryType::XHeader => continue,
            tar::EntryType::Regular | tar::EntryType::Continuous => {}
            _ => return Err(format!("{}: only files and folders can be imported", path.display())),
        }
        let mut clean = PathBuf::new();
        for part in path.components() {
            match part {
                Component::Normal(name) => clean.push(name),
                Component::CurDir => {}
                _ => return Err(format!("{}: a path outside the folder", path.display())),
            }
        }
        let mut text = String::new();
        entry.read_to_string(&mut text).map_err(|_| format!("{}: not UTF-8 text", path.display()))?;
        files.insert(clean, text);
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_come_back_as_packed() {
        let files = vec![(PathBuf::from("en-us/01-a/_category.toml"), "id = \"1\"\n".to_string()), (PathBuf::from("zh-cn/01-b/02-c/3.md"), "会员".to_string())];
        let back = unpack(&pack(&files).unwrap()).unwrap();
        assert_eq!(back.into_iter().collect::<Vec<_>>(), files);
    }

    #[test]
    fn a_path_out_of_the_folder_or_not_an_archive_is_refused() {
        let mut raw = tar::Builder::new(Vec::new());
        let mut header = tar::Header::new_gnu();
        header.set_size(1);
        // `append_data` refuses `..` itself; write the name the way a hostile archive would.
        header.as_gnu_mut().unwrap().name[..9].copy_from_slice(b"../evil.m");
        header.set_cksum();
        raw.append(&header, &b"x"[..]).unwrap();
        assert!(unpack(&raw.into_inner().unwrap()).unwrap_err().contains("outside the folder"));
        assert!(unpack(b"{\"categories\": []}").is_err());
    }
}
