-- What a training course is about (issue 10: reviews count first-aid and disaster-preparedness
-- training apart). Courses recorded before: 'other'.
ALTER TABLE courses ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'other'
    CHECK (kind IN ('first_aid', 'disaster_preparedness', 'community_health', 'blood_donation', 'staff', 'other'));
