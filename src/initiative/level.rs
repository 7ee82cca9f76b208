//! Levels at which councils recognise initiatives and contests award prizes, and the
//! scope of an initiative's influence.

labelled_enum! {
    /// The level of a council, a contest or a recognition (*cấp*): the unit (*cấp cơ
    /// sở*, a school: *cấp trường*), the district (*cấp quận, huyện*), the province or
    /// city (*cấp tỉnh, thành phố*), the ministry or sector (*cấp Bộ, ngành*) and the
    /// nation (*toàn quốc*).
    ///
    /// The derived order (`Ord`) is the order of declaration, for listing. Province
    /// and ministry are one tier — Law 06/2022/QH15 Đ.22 names *cấp Bộ, ban, ngành,
    /// tỉnh* together — so compare levels with [`RecognitionLevel::tier`] or
    /// [`RecognitionLevel::is_at_least`], never with `<`.
    ///
    /// ```
    /// use thidua::RecognitionLevel;
    ///
    /// assert!(RecognitionLevel::Ministry.is_at_least(RecognitionLevel::Province));
    /// assert!(RecognitionLevel::Province.is_at_least(RecognitionLevel::Ministry));
    /// assert!(!RecognitionLevel::District.is_at_least(RecognitionLevel::Province));
    /// assert_eq!(RecognitionLevel::Province.label_vi(), "cấp tỉnh, thành phố");
    /// ```
    pub enum RecognitionLevel {
        /// *Cấp cơ sở*: the unit itself (a school: *cấp trường*).
        Unit => ("unit", "cấp cơ sở", "unit level"),
        /// *Cấp quận, huyện*.
        District => ("district", "cấp quận, huyện", "district level"),
        /// *Cấp tỉnh, thành phố* (in Hà Nội: *cấp Thành phố*).
        Province => ("province", "cấp tỉnh, thành phố", "provincial level"),
        /// *Cấp Bộ, ngành*, including the VGCL and national sector unions.
        Ministry => ("ministry", "cấp Bộ, ngành", "ministry or sector level"),
        /// *Toàn quốc*.
        National => ("national", "toàn quốc", "national level"),
    }
}

impl RecognitionLevel {
    /// The tier, 1 (unit) to 4 (national); province and ministry share tier 3.
    #[must_use]
    pub fn tier(self) -> u8 {
        match self {
            Self::Unit => 1,
            Self::District => 2,
            Self::Province | Self::Ministry => 3,
            Self::National => 4,
        }
    }

    /// Whether this level is `other`'s tier or higher.
    #[must_use]
    pub fn is_at_least(self, other: Self) -> bool {
        self.tier() >= other.tier()
    }
}

labelled_enum! {
    /// How far an initiative's effect reaches (*phạm vi ảnh hưởng*), as the
    /// recognising council states it. Law 06/2022/QH15 asks for an initiative with
    /// effect at ministry/sector or province scope for *Chiến sĩ thi đua cấp Bộ, ngành,
    /// tỉnh* (Đ.22) and with nationwide scope for *Chiến sĩ thi đua toàn quốc* (Đ.21).
    ///
    /// The order (`Ord`) is by reach: unit < sector or province < national.
    ///
    /// ```
    /// use thidua::InfluenceScope;
    ///
    /// assert!(InfluenceScope::National > InfluenceScope::SectorOrProvince);
    /// assert_eq!(InfluenceScope::SectorOrProvince.code(), "sector_or_province");
    /// ```
    pub enum InfluenceScope {
        /// Effect within the unit (*phạm vi cơ sở*).
        Unit => ("unit", "phạm vi cơ sở", "within the unit"),
        /// Effect within a sector or a province (*phạm vi ngành, tỉnh*).
        SectorOrProvince => ("sector_or_province", "phạm vi ngành, tỉnh", "within a sector or province"),
        /// Nationwide effect (*phạm vi toàn quốc*).
        National => ("national", "phạm vi toàn quốc", "nationwide"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_put_province_and_ministry_together() {
        let tiers: Vec<u8> = RecognitionLevel::ALL.iter().map(|l| l.tier()).collect();
        assert_eq!(tiers, [1, 2, 3, 3, 4]);
        for &a in RecognitionLevel::ALL {
            assert!(a.is_at_least(a));
            assert!(a.is_at_least(RecognitionLevel::Unit));
            assert!(RecognitionLevel::National.is_at_least(a));
        }
    }

    #[test]
    fn codes_round_trip_through_serde() {
        for &level in RecognitionLevel::ALL {
            let json = serde_json::to_string(&level).unwrap();
            assert_eq!(json, format!("\"{}\"", level.code()));
            assert_eq!(
                serde_json::from_str::<RecognitionLevel>(&json).unwrap(),
                level
            );
        }
        for &scope in InfluenceScope::ALL {
            let json = serde_json::to_string(&scope).unwrap();
            assert_eq!(
                serde_json::from_str::<InfluenceScope>(&json).unwrap(),
                scope
            );
        }
        assert!(serde_json::from_str::<RecognitionLevel>("\"city\"").is_err());
    }
}
