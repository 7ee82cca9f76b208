pub(crate) mod co_chinh_phu;
pub(crate) mod cong_hien;
