-- What a course trains for (members.course.held.v1 course_kind): first-aid and disaster-preparedness
-- training are counted apart in the reviews.
ALTER TABLE rpt_courses ADD COLUMN IF NOT EXISTS kind text NOT NULL DEFAULT 'other';
